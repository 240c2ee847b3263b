package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter above a floor: the n-th delay (counting from 0) is drawn uniformly from
 * {@code [min, min(max, min·2ⁿ)]}. The jitter spreads the reconnects of many users after a server outage; the
 * floor keeps a failing server from being retried at once. Not thread-safe: each bridge owns one and uses it
 * from its own sequential executor.
 */
public final class Backoff {

  private final long minNanos;
  private final long maxNanos;
  private final DoubleSupplier unitRandom;
  private int attempts;

  /** A backoff drawing its jitter from {@link ThreadLocalRandom}. */
  public Backoff(Duration min, Duration max) {
    this(min, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * @param unitRandom values in {@code [0, 1)}; 0 gives the floor, values near 1 the ceiling
   */
  public Backoff(Duration min, Duration max, DoubleSupplier unitRandom) {
    this.minNanos = min.toNanos();
    this.maxNanos = max.toNanos();
    this.unitRandom = Objects.requireNonNull(unitRandom, "unitRandom");
    if (minNanos <= 0 || maxNanos < minNanos) {
      throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
    }
  }

  /** The delay before the next attempt; each call counts one more attempt. */
  public Duration nextDelay() {
    long ceiling = ceilingNanos(attempts);
    if (attempts < Integer.MAX_VALUE) {
      attempts++;
    }
    double unit = Math.min(Math.max(unitRandom.getAsDouble(), 0.0), 1.0);
    // A double has 53 bits: the product may round past the ceiling on long ranges.
    long jitter = Math.min(ceiling - minNanos, Math.round((ceiling - minNanos) * unit));
    return Duration.ofNanos(minNanos + jitter);
  }

  /** Starts over at the floor, e.g. after a successful login. */
  public void reset() {
    attempts = 0;
  }

  /** How many delays were handed out since the last reset. */
  public int attempts() {
    return attempts;
  }

  private long ceilingNanos(int attempt) {
    // min·2ⁿ without overflow: once it would pass max, max is the answer.
    if (attempt >= Long.SIZE - 1 || minNanos > (maxNanos >> attempt)) {
      return maxNanos;
    }
    return Math.min(maxNanos, minNanos << attempt);
  }
}
