package net.icqtransport.oscar.client.rate;

/**
 * The clock and timer a {@link RateLimiter} runs on: the connection's event loop in production, a hand-driven
 * clock in tests. Both methods are called on the limiter's thread only.
 */
public interface RateScheduler {

  /** A monotonic time in milliseconds. */
  long nowMillis();

  /** Runs {@code task} after {@code delayMillis}; the result cancels it. */
  Runnable schedule(Runnable task, long delayMillis);
}
