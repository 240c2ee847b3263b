package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the transport's logins to the legacy network evenly, for all users together, so that a restart that
 * brings thousands of users back at once stays within the login server's rate limit instead of being refused
 * ("rate limit exceeded", OSCAR {@code auth_failed} 0x18/0x1D) and retried with backoff.
 *
 * <p>A virtual-scheduling form of the generic cell rate algorithm (ITU-T I.371 §4.4.2) without burst: each
 * {@link #reserve()} takes the next free slot, one interval after the previous one, and says how long to wait
 * for it. Nothing blocks; the caller schedules its login. Thread-safe.
 */
public final class LoginPacer {

  private final long intervalNanos;
  private final LongSupplier nanoClock;
  /** When the next login may start, on {@code nanoClock}'s scale. */
  private long nextSlot;
  private boolean first = true;

  /**
   * @param loginsPerSecond how many logins may start per second; {@link Double#POSITIVE_INFINITY} for no limit
   * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
   */
  public LoginPacer(double loginsPerSecond, LongSupplier nanoClock) {
    if (!(loginsPerSecond > 0)) {
      throw new IllegalArgumentException("loginsPerSecond must be positive: " + loginsPerSecond);
    }
    this.intervalNanos = Double.isInfinite(loginsPerSecond) ? 0 : Math.max(1, Math.round(1e9 / loginsPerSecond));
    this.nanoClock = nanoClock;
  }

  /** A pacer that never makes a login wait. */
  public static LoginPacer unlimited() {
    return new LoginPacer(Double.POSITIVE_INFINITY, System::nanoTime);
  }

  /** Takes the next login slot: the time to wait before starting the login (zero: start now). */
  public synchronized Duration reserve() {
    if (intervalNanos == 0) {
      return Duration.ZERO;
    }
    long now = nanoClock.getAsLong();
    // Compare as differences: nanoTime may wrap.
    long slot = first || nextSlot - now < 0 ? now : nextSlot;
    first = false;
    nextSlot = slot + intervalNanos;
    return Duration.ofNanos(slot - now);
  }
}
