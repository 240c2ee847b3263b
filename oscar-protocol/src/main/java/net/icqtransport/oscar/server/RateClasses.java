package net.icqtransport.oscar.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The rate classes sent in 01/07 and enforced by {@link RateLimiter}. {@link #REFERENCE}: the five classes of
 * the reference dump ({@code snac_01_07}), their pairs narrowed to the families this server offers; these are
 * strict (three quick messages are limited). {@link #GENEROUS}, the default: the same classes and pairs with
 * the example class-1 levels, a window of 1000 and a full start level, so a burst of about a thousand SNACs
 * passes before a warning (but the sustained rate is about one SNAC per two seconds, as on ICQ).
 * {@link #UNLIMITED}: announced when limits are off.
 */
final class RateClasses {
  static final List<RateClass> REFERENCE = List.of(
      new RateClass(1, 80, 2500, 2000, 1500, 800, 3433, 6000, 0, 0, classOnePairs()),
      new RateClass(2, 80, 3000, 2000, 1500, 1000, 6000, 6000, 63755, 0,
          pairs(0x03, 0x04, 0x03, 0x05, 0x09, 0x05, 0x09, 0x06, 0x09, 0x07, 0x09, 0x08)),
      new RateClass(3, 20, 5100, 5000, 4000, 3000, 4423, 6000, 23768, 0, pairs(0x02, 0x05, 0x04, 0x06)),
      new RateClass(4, 20, 5500, 5300, 4200, 3000, 6000, 8000, 63755, 0, pairs(0x02, 0x09, 0x02, 0x0B)),
      new RateClass(5, 10, 5500, 5300, 4200, 3000, 6000, 8000, 63755, 0, List.of()));

  static final List<RateClass> GENEROUS = REFERENCE.stream()
      .map(c -> new RateClass(c.id(), 1000, 2500, 2000, 1500, 800, 6000, 6000, 0, 0, c.pairs()))
      .toList();

  /**
   * The same classes and pairs with every level at 0, so no average can fall below one: announced when the
   * simulator enforces no limits, so that clients pacing themselves by the announced classes do not wait
   * (benchmarks measure the transport, not ICQ's limits).
   */
  static final List<RateClass> UNLIMITED = REFERENCE.stream()
      .map(c -> new RateClass(c.id(), 1000, 0, 0, 0, 0, 6000, 6000, 0, 0, c.pairs()))
      .toList();

  private RateClasses() {}

  private static List<Integer> classOnePairs() {
    List<Integer> pairs = new ArrayList<>();
    range(pairs, 0x01, 0x01, 0x21);
    for (int subtype : new int[] {0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x08, 0x0A}) {
      pairs.add(RateClass.pair(0x02, subtype));
    }
    range(pairs, 0x02, 0x0C, 0x15);
    range(pairs, 0x03, 0x01, 0x03);
    range(pairs, 0x03, 0x06, 0x0C);
    range(pairs, 0x04, 0x01, 0x05);
    range(pairs, 0x04, 0x07, 0x14);
    range(pairs, 0x09, 0x01, 0x04);
    range(pairs, 0x09, 0x09, 0x0B);
    range(pairs, 0x13, 0x01, 0x28);
    range(pairs, 0x15, 0x01, 0x03);
    return pairs;
  }

  private static void range(List<Integer> pairs, int family, int first, int last) {
    for (int subtype = first; subtype <= last; subtype++) {
      pairs.add(RateClass.pair(family, subtype));
    }
  }

  /** Alternating family, subtype. */
  private static List<Integer> pairs(int... familySubtype) {
    List<Integer> pairs = new ArrayList<>();
    for (int i = 0; i < familySubtype.length; i += 2) {
      pairs.add(RateClass.pair(familySubtype[i], familySubtype[i + 1]));
    }
    return pairs;
  }
}
