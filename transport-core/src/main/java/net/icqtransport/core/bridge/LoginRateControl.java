package net.icqtransport.core.bridge;

import java.util.OptionalDouble;
import net.icqtransport.core.registration.LearnedLoginRate;

/**
 * The login rate {@link LoginPacer} paces at, learned from the login server's answers by additive increase and
 * multiplicative decrease (AIMD, as TCP's congestion avoidance, RFC 5681 §3.1), with the pace of the last refusal
 * kept as a ceiling (as CUBIC keeps W_max, RFC 8312 §4.1).
 *
 * <p>Without a known ceiling the rate grows by {@code increase} logins per second for every second of pacing
 * with logins waiting ({@link #grow}). A login refused for the server's rate limit (OSCAR login errors 0x0018
 * "reservation rate limit exceeded" and 0x001D "rate limit exceeded") at a pace {@code p} ({@link #refused})
 * makes {@code p} the ceiling and the rate {@value #DECREASE}·p. From there the rate grows at {@code increase}
 * up to just under the ceiling ({@link #plateau()}: 5 % and one login per second below it), holds there for
 * {@value #HOLD_SECONDS} s of pacing, then probes towards the ceiling by only {@value #PROBE} of it per second
 * (from 95 % to 100 % in 100 s), so a restart of thousands of users, which takes a minute or two, stays below
 * it; at the ceiling without a refusal the server takes more
 * than it did, and the rate grows at {@code increase} again, forgetting the ceiling once 5 % above it. So a
 * constant limit is met at about 95 % of it, a lower one is learned at its first refusals, a higher one after
 * the probe. A start from a learned rate with a known ceiling begins at the plateau: the rate right after a
 * decrease, or while it grew back, is a passing state that pacing would leave within seconds, and a restart that
 * began there took seconds longer than the ceiling allows (issue #20).
 *
 * <p>Not thread-safe: the pacer guards it.
 */
final class LoginRateControl {

  /** β: the rate after a refusal, as a share of the pace that was refused (mean ≥ 0.93 of the limit). */
  static final double DECREASE = 0.85;
  /** How far below the ceiling the rate grows back quickly. */
  static final double MARGIN = 0.05;
  /** Between that and the ceiling, the growth per second as a share of the ceiling. */
  static final double PROBE = 0.0005;
  /**
   * How long the rate holds at the plateau, in seconds of pacing, before it probes towards the ceiling: about a
   * restart of 10,000 users at 200 logins per second. Probing at once reached refusals at 95 % of the limit
   * within 35 s of a restart on a busy machine (issue #20): the plateau is what keeps a restart clear of the
   * pace the server refused.
   */
  static final double HOLD_SECONDS = 60;
  /** The slowest pace refusals can bring the rate down to: one login every 30 s (or the starting rate if slower). */
  static final double MIN_RATE = 1.0 / 30;

  private final double increase;
  private final double floor;
  private double rate;
  /** The pace of the last refusal; NaN while none is known. */
  private double ceiling;
  /** Seconds of pacing at the plateau since it was reached after the last refusal (or the start). */
  private double held;

  /**
   * @param start the rate to start at; with a known ceiling, just under it ({@link #plateau()}), so that a restart
   *     goes as fast as the limit that was learned allows without meeting it
   * @param increase logins per second gained per second of pacing with logins waiting; 0: the rate never grows
   */
  LoginRateControl(LearnedLoginRate start, double increase) {
    if (!(increase >= 0) || Double.isInfinite(increase)) {
      throw new IllegalArgumentException("increase must be zero or positive: " + increase);
    }
    this.increase = increase;
    this.ceiling = start.refusedAt().orElse(Double.NaN);
    this.rate = Double.isNaN(ceiling) ? start.loginsPerSecond() : plateau();
    this.floor = Math.min(MIN_RATE, rate);
  }

  double rate() {
    return rate;
  }

  /** The pace of the last refusal, if any. */
  OptionalDouble ceiling() {
    return Double.isNaN(ceiling) ? OptionalDouble.empty() : OptionalDouble.of(ceiling);
  }

  LearnedLoginRate learned() {
    return new LearnedLoginRate(rate, ceiling());
  }

  /** Additive increase after {@code seconds} of pacing with logins waiting for their slots. */
  void grow(double seconds) {
    if (!(seconds > 0) || increase == 0) {
      return;
    }
    if (Double.isNaN(ceiling) || rate >= ceiling) {
      rate += increase * seconds;
      if (rate >= ceiling * (1 + MARGIN)) {
        ceiling = Double.NaN; // the server takes more than when it refused: learn its new limit
      }
    } else if (rate < plateau()) {
      rate = Math.min(plateau(), rate + increase * seconds);
    } else {
      double holding = Math.min(seconds, HOLD_SECONDS - Math.min(held, HOLD_SECONDS));
      held += holding;
      rate = Math.min(ceiling, rate + Math.min(increase, ceiling * PROBE) * (seconds - holding));
    }
  }

  /** Multiplicative decrease: the server refused a login it got at {@code pace} logins per second. */
  void refused(double pace) {
    ceiling = pace;
    held = 0;
    rate = Math.max(floor, Math.min(rate, DECREASE * pace));
  }

  /**
   * Just under the ceiling: {@value #MARGIN} and one login per second below it (at a few logins per second, one
   * more or less in the server's window is a large share), never below {@value #DECREASE} of it.
   */
  private double plateau() {
    return Math.max(DECREASE * ceiling, (1 - MARGIN) * ceiling - 1);
  }
}
