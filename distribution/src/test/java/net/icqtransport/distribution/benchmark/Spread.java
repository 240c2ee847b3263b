package net.icqtransport.distribution.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One figure from several rounds: the median, with the smallest and largest round, so that two runs of the
 * benchmark can be compared by their medians and the noise of one machine is visible beside them.
 */
record Spread(double median, double min, double max, int rounds) {

  static Spread of(List<Double> values) {
    if (values.isEmpty()) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
  }

  /** E.g. {@code 0.93 (0.91–0.95)} with {@code decimals} = 2. */
  String format(int decimals) {
    String pattern = "%." + decimals + "f";
    return String.format(Locale.ROOT, pattern + " (" + pattern + "–" + pattern + ")", median, min, max);
  }
}
