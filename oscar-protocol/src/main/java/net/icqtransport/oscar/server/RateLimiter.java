package net.icqtransport.oscar.server;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;

/**
 * One connection's rate classes as the server enforces them (reference {@code rate_limits}): each SNAC of a
 * class moves its level, the moving average of milliseconds between SNACs, {@code new = ((window - 1) * old +
 * delta) / window}, capped at max. Falling below alert the client is warned (01/0A code 2), below limit it is
 * limited (code 3) and its SNACs are dropped until the level climbs back over clear (code 4), below disconnect
 * the connection is closed. Used on one event loop only.
 */
final class RateLimiter {
  static final int CODE_WARNING = 2;
  static final int CODE_LIMITED = 3;
  static final int CODE_CLEAR = 4;

  /** What to do with the SNAC just counted. */
  enum Verdict { PASS, DROP, DISCONNECT }

  /** A change to report to the client: code and the class with its current level. */
  record Change(int code, RateClass rateClass) {}

  private enum State { CLEAR, ALERT, LIMITED }

  private static final class ClassState {
    final RateClass rateClass;
    long level;
    long lastMillis;
    State state = State.CLEAR;

    ClassState(RateClass rateClass, long now) {
      this.rateClass = rateClass;
      this.level = rateClass.currentLevel();
      this.lastMillis = now - rateClass.lastTime();
    }
  }

  private final Map<Integer, ClassState> byPair = new HashMap<>();
  private final boolean enforced;

  RateLimiter(List<RateClass> classes, boolean enforced, long nowMillis) {
    this.enforced = enforced;
    for (RateClass rateClass : classes) {
      ClassState state = new ClassState(rateClass, nowMillis);
      rateClass.pairs().forEach(pair -> byPair.put(pair, state));
    }
  }

  /**
   * Counts a SNAC received at {@code nowMillis}; {@code changes} receives what to tell the client. SNACs of no
   * class, and every SNAC when enforcement is off, pass.
   */
  Verdict count(int family, int subtype, long nowMillis, List<Change> changes) {
    ClassState c = byPair.get(RateClass.pair(family, subtype));
    if (!enforced || c == null) {
      return Verdict.PASS;
    }
    RateClass r = c.rateClass;
    long delta = Math.max(0, nowMillis - c.lastMillis);
    c.lastMillis = nowMillis;
    c.level = Math.min(r.maxLevel(), ((r.windowSize() - 1) * c.level + delta) / r.windowSize());
    if (c.level < r.disconnectLevel()) {
      return Verdict.DISCONNECT;
    }
    State next;
    if (c.state == State.LIMITED) {
      next = c.level > r.clearLevel() ? State.CLEAR : State.LIMITED;
    } else if (c.level < r.limitLevel()) {
      next = State.LIMITED;
    } else if (c.level < r.alertLevel()) {
      next = State.ALERT;
    } else {
      next = State.CLEAR;
    }
    if (next != c.state) {
      int code = switch (next) {
        case LIMITED -> CODE_LIMITED;
        case ALERT -> CODE_WARNING;
        case CLEAR -> CODE_CLEAR;
      };
      changes.add(new Change(code, withLevel(r, c.level)));
      c.state = next;
    }
    return c.state == State.LIMITED ? Verdict.DROP : Verdict.PASS;
  }

  /** Counts {@code snac} and sends the resulting 01/0A frames through {@code out}. */
  Verdict check(Snac snac, long nowMillis, Consumer<FlapFrame> out, LongSupplier requestIds) {
    List<Change> changes = new ArrayList<>(1);
    Verdict verdict = count(snac.family(), snac.subtype(), nowMillis, changes);
    changes.forEach(change -> out.accept(ServerSnacs.rateChange(requestIds.getAsLong(), change.code(), change.rateClass())));
    return verdict;
  }

  private static RateClass withLevel(RateClass r, long level) {
    return new RateClass(r.id(), r.windowSize(), r.clearLevel(), r.alertLevel(), r.limitLevel(), r.disconnectLevel(),
        level, r.maxLevel(), 0, 0, List.of());
  }
}
