package net.icqtransport.xmpp.access;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled at {@code permits} per {@code period}; each
 * allowed action takes one. The clock ({@link System#nanoTime} style) is injected so tests control time.
 * Thread-safe.
 */
public final class TokenBucket {
  private final double capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  public TokenBucket(int capacity, int permits, Duration period, LongSupplier nanoTime) {
    this.capacity = capacity;
    this.tokensPerNano = (double) permits / period.toNanos();
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Takes a token if there is one. */
  public synchronized boolean tryTake() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
