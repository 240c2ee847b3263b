package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Spaces the transport's logins to the legacy network evenly, for all users together, so that a restart that
 * brings thousands of users back at once stays within the login server's rate limit instead of being refused
 * ("rate limit exceeded", OSCAR {@code auth_failed} 0x18/0x1D) and retried with backoff.
 *
 * <p>A virtual-scheduling form of the generic cell rate algorithm (ITU-T I.371 §4.4.2) with a burst tolerance:
 * each {@link #reserve()} takes the next free slot and says how long to wait for it. A pacer that was idle lets
 * up to {@code burst} logins start at once (a take-over of the users of a stopped instance, a few users coming
 * back together); beyond that the logins start one interval apart, and the burst allowance comes back at the
 * configured rate while logins are fewer. So within any time {@code T} at most {@code burst + rate·T} logins
 * start, and a restart of thousands still takes {@code users / rate}. Nothing blocks; the caller schedules its
 * login. Thread-safe.
 *
 * <p>Real OSCAR servers also limit logins per source address, and a transport is one address for all its
 * users. So each login the server refuses for its rate limits ({@link #rateLimited()}) slows the whole pacer
 * down: to one login per second at most, then twice as slow with each further refusal (up to 32 times that);
 * every quiet period without a refusal takes one step back towards the configured rate. While slowed down there
 * is no burst: a refusal ends the one under way, and the next login waits for the slowed slot.
 */
public final class LoginPacer {

  private static final long SLOWED_FLOOR_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int MAX_SLOWDOWN = 6;

  private final long intervalNanos;
  private final int burst;
  private final long quietNanos;
  private final LongSupplier nanoClock;
  /**
   * The theoretical arrival time of GCRA, on {@code nanoClock}'s scale: when the next login would start if no
   * burst were allowed. A login may start {@code (burst - 1)} intervals before it.
   */
  private long nextSlot;
  private boolean first = true;
  /** 0: the configured rate; n: one login per max(interval, 1 s)·2ⁿ⁻¹. */
  private int slowdown;
  /** When {@link #slowdown} last changed. */
  private long slowdownChanged;

  /**
   * A pacer that steps back from a slow-down after 5 quiet minutes.
   *
   * @param loginsPerSecond how many logins may start per second; {@link Double#POSITIVE_INFINITY} for no limit
   * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
   */
  public LoginPacer(double loginsPerSecond, LongSupplier nanoClock) {
    this(loginsPerSecond, 1, Duration.ofMinutes(5), nanoClock);
  }

  /**
   * A pacer without burst: every login one interval after the previous one.
   *
   * @param loginsPerSecond how many logins may start per second; {@link Double#POSITIVE_INFINITY} for no limit
   * @param quiet how long without a rate-limit refusal undoes one step of slowing down
   * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
   */
  public LoginPacer(double loginsPerSecond, Duration quiet, LongSupplier nanoClock) {
    this(loginsPerSecond, 1, quiet, nanoClock);
  }

  /**
   * @param loginsPerSecond how many logins may start per second; {@link Double#POSITIVE_INFINITY} for no limit
   * @param burst how many logins may start at once after an idle time (1: none before its slot)
   * @param quiet how long without a rate-limit refusal undoes one step of slowing down
   * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
   */
  public LoginPacer(double loginsPerSecond, int burst, Duration quiet, LongSupplier nanoClock) {
    if (!(loginsPerSecond > 0)) {
      throw new IllegalArgumentException("loginsPerSecond must be positive: " + loginsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    this.burst = burst;
    if (quiet.isNegative() || quiet.isZero()) {
      throw new IllegalArgumentException("quiet must be positive: " + quiet);
    }
    this.intervalNanos = Double.isInfinite(loginsPerSecond) ? 0 : Math.max(1, Math.round(1e9 / loginsPerSecond));
    this.quietNanos = quiet.toNanos();
    this.nanoClock = nanoClock;
  }

  /** A pacer that never makes a login wait. */
  public static LoginPacer unlimited() {
    return new LoginPacer(Double.POSITIVE_INFINITY, System::nanoTime);
  }

  /** Takes the next login slot: the time to wait before starting the login (zero: start now). */
  public synchronized Duration reserve() {
    long now = nanoClock.getAsLong();
    relax(now);
    long interval = currentInterval();
    if (interval == 0) {
      return Duration.ZERO;
    }
    // Compare as differences: nanoTime may wrap.
    long theoretical = first || nextSlot - now < 0 ? now : nextSlot;
    long tolerance = slowdown == 0 ? (burst - 1) * interval : 0;
    long slot = theoretical - tolerance - now < 0 ? now : theoretical - tolerance;
    first = false;
    nextSlot = theoretical + interval;
    return Duration.ofNanos(slot - now);
  }

  /**
   * The server refused a login for its rate limits (OSCAR login errors 0x0016-0x0018, 0x001D): every login of
   * the transport slows down one step.
   */
  public synchronized void rateLimited() {
    long now = nanoClock.getAsLong();
    relax(now);
    slowdown = Math.min(MAX_SLOWDOWN, slowdown + 1);
    slowdownChanged = now;
    // No burst tolerance while slowed down (reserve): the next login waits for the theoretical slot, which a
    // burst under way has pushed one interval further for each of its logins.
  }

  /** The spacing of logins while they are slowed down after refusals; empty at the configured rate. */
  public synchronized Optional<Duration> slowedInterval() {
    relax(nanoClock.getAsLong());
    return slowdown == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(currentInterval()));
  }

  private long currentInterval() {
    if (slowdown == 0) {
      return intervalNanos;
    }
    return Math.max(intervalNanos, SLOWED_FLOOR_NANOS) << (slowdown - 1);
  }

  /** One step back towards the configured rate per quiet period since the last change. */
  private void relax(long now) {
    while (slowdown > 0 && now - slowdownChanged >= quietNanos) {
      slowdown--;
      slowdownChanged += quietNanos;
    }
  }
}
