package net.icqtransport.distribution.config;

import java.time.Duration;

/** Durations as operators write them ({@code 10 ms}, {@code 3 s}, {@code 5 min}, {@code 1.5 s}), not ISO-8601 {@code PT0.01S}. */
public final class Durations {
  private Durations() {}

  /** The largest unit that shows {@code duration} exactly, or with one decimal in seconds/minutes/hours. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (duration.isNegative()) {
      return "-" + format(duration.negated());
    }
    if (millis == 0 && !duration.isZero()) {
      return duration.toNanos() + " ns";
    }
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + " h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + " min";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + " s";
    }
    if (millis % 100 == 0) {
      return millis / 1000 + "." + millis % 1000 / 100 + " s";
    }
    return millis + " ms";
  }
}
