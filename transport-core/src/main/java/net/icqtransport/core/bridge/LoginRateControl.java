package net.icqtransport.core.bridge;

import java.util.OptionalDouble;
import net.icqtransport.core.registration.LearnedLoginRate;

/**
 * The login rate {@link LoginPacer} paces at, learned from the login server's answers: additive increase while no
 * limit is known, a multiplicative decrease to just under the pace the server refused (AIMD, as TCP's congestion
 * avoidance, RFC 5681 §3.1), that pace kept as a ceiling (as CUBIC keeps W_max, RFC 8312 §4.1), and probes above
 * it that grow by a share of the rate per second (as TCP's slow start grows by a share of its window).
 *
 * <p>Without a known ceiling the rate grows by {@code increase} logins per second for every second of pacing
 * with logins waiting ({@link #grow}). A login refused for the server's rate limit (OSCAR login errors 0x0018
 * "reservation rate limit exceeded" and 0x001D "rate limit exceeded") at a pace {@code p} ({@link #refused}: the
 * logins the server accepted in the second before, as {@link LoginPacer} counts them) makes {@code p} the ceiling
 * and the rate the plateau just under it ({@link #plateau()}: 5 % and one login per second below, never below
 * {@value #DECREASE} of it). The rate holds at the plateau for some seconds of pacing, then probes: it grows by
 * {@value #PROBE_GROWTH} of itself per second, past the ceiling (if the server takes more than it did, its limit
 * rose), until the next refusal, or until {@value #PROBE_REACH} times the ceiling, where the ceiling is forgotten and
 * the rate grows additively again. How long it holds depends on what the ceiling has shown ({@link #refused}):
 *
 * <ul>
 *   <li>A ceiling learned before the start (a restart from what the last run learned) is trusted: the hold lasts
 *       {@value #HOLD_SECONDS} s, about a restart of 10,000 users at 200 logins per second, so that a restart
 *       stays clear of the limit it knows (probing at once met refusals within 35 s on a busy machine, issue #20).
 *   <li>The first refusal, or one more than 5 % under the ceiling, shows a limit just met or one that dropped,
 *       which may come back up as soon (a server throttling while busy): the hold lasts
 *       {@value #SHORT_HOLD_SECONDS} s.
 *   <li>Any other refusal confirms the ceiling, or answers a probe that found the limit higher than it was: the
 *       hold doubles, up to {@value #HOLD_SECONDS} s, so that a limit that stays put is probed less and less often
 *       (as a retransmission timer backs off, RFC 6298 §5.5). So after a start from a learned ceiling, a refusal
 *       within 5 % of it keeps the minute's hold.
 * </ul>
 *
 * <p>So a constant limit is paced at about 95 % of it with a few refusals a minute at first and fewer later, a
 * lower one is learned at its first refusals, a higher one within seconds of a probe. Not thread-safe: the pacer
 * guards it.
 */
final class LoginRateControl {

  /** The plateau's floor as a share of the ceiling, for low rates where one login per second is a large share. */
  static final double DECREASE = 0.85;
  /** How far below the ceiling the plateau lies, and how near a refusal must be to confirm the ceiling. */
  static final double MARGIN = 0.05;
  /** While probing, the growth per second as a share of the rate (compounded with each login: about 22 %). */
  static final double PROBE_GROWTH = 0.2;
  /** How far past the ceiling a probe grows by shares of the rate before it forgets the ceiling. */
  static final double PROBE_REACH = 4;
  /** How long the rate holds at the plateau under a trusted ceiling, in seconds of pacing. */
  static final double HOLD_SECONDS = 60;
  /** How long it holds under a ceiling just learned at a new level, in seconds of pacing. */
  static final double SHORT_HOLD_SECONDS = 3;
  /** The slowest pace refusals can bring the rate down to: one login every 30 s (or the starting rate if slower). */
  static final double MIN_RATE = 1.0 / 30;

  private final double increase;
  private final double floor;
  private double rate;
  /** The pace of the last refusal; NaN while none is known. */
  private double ceiling;
  /** How long the rate holds at the plateau under the current ceiling before it probes, in seconds of pacing. */
  private double hold = HOLD_SECONDS;
  /** Seconds of pacing at the plateau since it was reached after the last refusal (or the start). */
  private double held;
  /** Whether the hold is over: the rate grows by a share of itself until a refusal. */
  private boolean probing;

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

  /** Growth after {@code seconds} of pacing with logins waiting for their slots. */
  void grow(double seconds) {
    if (!(seconds > 0) || increase == 0) {
      return;
    }
    if (Double.isNaN(ceiling)) {
      rate += increase * seconds;
    } else if (probing) {
      rate += probeGrowth() * seconds;
      forgetCeilingFarBelow();
    } else if (rate < plateau()) {
      rate = Math.min(plateau(), rate + increase * seconds);
    } else {
      double holding = Math.min(seconds, hold - held);
      held += holding;
      if (held >= hold) {
        probing = true;
        rate += probeGrowth() * (seconds - holding);
        forgetCeilingFarBelow();
      }
    }
  }

  /**
   * The server refused a login when it had accepted {@code pace} logins per second: that pace becomes the ceiling
   * and the rate, if higher, the plateau under it.
   */
  void refused(double pace) {
    boolean dropped = Double.isNaN(ceiling) || pace < (1 - MARGIN) * ceiling;
    hold = dropped ? SHORT_HOLD_SECONDS : Math.min(HOLD_SECONDS, 2 * hold);
    ceiling = pace;
    held = 0;
    probing = false;
    rate = Math.max(floor, Math.min(rate, plateau()));
  }

  /**
   * A probe that went {@value #PROBE_REACH} times past the ceiling without a refusal: the limit is far above what
   * was known, the ceiling says nothing more, and the rate grows additively as without one (a probe compounding on
   * would leave logins all but unpaced after a minute).
   */
  private void forgetCeilingFarBelow() {
    if (rate >= PROBE_REACH * ceiling) {
      ceiling = Double.NaN;
      probing = false;
    }
  }

  private double probeGrowth() {
    return Math.max(increase, PROBE_GROWTH * rate);
  }

  /**
   * Just under the ceiling: {@value #MARGIN} and one login per second below it (at a few logins per second, one
   * more or less in the server's window is a large share), never below {@value #DECREASE} of it.
   */
  private double plateau() {
    return Math.max(DECREASE * ceiling, (1 - MARGIN) * ceiling - 1);
  }
}
