package net.icqtransport.xmpp.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for connect attempts: the delay doubles from {@code initial} up to
 * {@code max}, and a random part of up to {@code jitter} (a fraction) is taken off so that many transports
 * restarted together do not knock on the server in step.
 *
 * @param initial the delay after the first failed attempt
 * @param max the longest delay
 * @param multiplier how much the delay grows per failed attempt (at least 1)
 * @param jitter the fraction of the delay that is random, in [0, 1]
 */
public record BackoffPolicy(Duration initial, Duration max, double multiplier, double jitter) {

  public BackoffPolicy {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1]: " + jitter);
    }
  }

  /** Doubling delays from {@code initial} to {@code max} with 20 % jitter. */
  public static BackoffPolicy exponential(Duration initial, Duration max) {
    return new BackoffPolicy(initial, max, 2.0, 0.2);
  }

  /**
   * The delay to wait after the given number of consecutive failed attempts.
   *
   * @param failedAttempts how many attempts in a row failed, at least 1
   * @param random a source of uniform numbers in [0, 1)
   */
  public Duration delayAfter(int failedAttempts, DoubleSupplier random) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be >= 1: " + failedAttempts);
    }
    double maxMillis = max.toMillis();
    double base = initial.toMillis() * Math.pow(multiplier, failedAttempts - 1);
    if (!(base <= maxMillis)) { // also catches overflow to infinity
      base = maxMillis;
    }
    double r = random.getAsDouble();
    double delay = base - base * jitter * r;
    return Duration.ofMillis(Math.max(1L, Math.round(delay)));
  }
}
