package net.icqtransport.oscar.client.rate;

import java.util.ArrayDeque;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.service.RateParameters.RateClass;

/**
 * One rate class as this side tracks it (iserverd {@code rate_limits.txt}): the server's parameters, the moving
 * average {@code level = ((window − 1) · level + Δt) / window} capped at {@code max}, the time of the last SNAC
 * sent, and the SNACs waiting in order. Not thread-safe: owned by its {@link RateLimiter}.
 */
final class RateClassState {

  /** How careful the class is. */
  enum Mode {
    /** Keep the level at or above the alert level. */
    NORMAL,
    /** The server warned (SNAC(01,0A) code 2): keep the level at or above the clear level for a while. */
    WARNED,
    /** The server limits the class (code 3): send nothing until it clears or the level has recovered. */
    LIMITED
  }

  private final int id;
  private long window;
  private long clear;
  private long alert;
  private long max;
  private long level;
  private long lastSendMillis;
  private Mode mode = Mode.NORMAL;
  /** Sends left in {@link Mode#WARNED} before the class is trusted to run at the alert level again. */
  private long warnedSendsLeft;
  final ArrayDeque<Snac> queue = new ArrayDeque<>();
  Runnable timer;

  RateClassState(RateClass params, long nowMillis) {
    this.id = params.id();
    apply(params, nowMillis);
    this.lastSendMillis = nowMillis - params.lastTime();
  }

  int id() {
    return id;
  }

  Mode mode() {
    return mode;
  }

  long level() {
    return level;
  }

  /** Takes the server's parameters and its view of the current level. */
  void apply(RateClass params, long nowMillis) {
    window = Math.max(1, params.window());
    clear = params.clear();
    alert = params.alert();
    max = Math.max(1, params.max());
    level = Math.min(max, params.current());
  }

  void warned() {
    mode = Mode.WARNED;
    warnedSendsLeft = window;
  }

  void limited() {
    mode = Mode.LIMITED;
  }

  void cleared() {
    mode = Mode.NORMAL;
  }

  /** Whether the class may send at all (not limited). */
  boolean open() {
    return mode != Mode.LIMITED;
  }

  /** The level a SNAC sent at {@code nowMillis} would leave. */
  long levelIfSentAt(long nowMillis) {
    long delta = Math.max(0, nowMillis - lastSendMillis);
    return Math.min(max, ((window - 1) * level + delta) / window);
  }

  /** The lowest level this side lets the class fall to in its mode. */
  long floor() {
    long wanted = mode == Mode.NORMAL ? alert : Math.max(alert, clear);
    return Math.min(wanted, max);
  }

  /** Whether a SNAC may go out now without the level falling below {@link #floor()}. */
  boolean maySendAt(long nowMillis) {
    return open() && levelIfSentAt(nowMillis) >= floor();
  }

  /**
   * The earliest time a SNAC may go out: {@code Δt ≥ window · floor − (window − 1) · level}. When limited, the
   * time the level would be back at the clear level (a fallback should the server's "clear" never come).
   */
  long earliestSendMillis() {
    long target = mode == Mode.LIMITED ? Math.min(Math.max(alert, clear), max) : floor();
    long wait = window * target - (window - 1) * level;
    return lastSendMillis + Math.max(0, wait);
  }

  /** Records a SNAC sent at {@code nowMillis}. */
  void sentAt(long nowMillis) {
    level = levelIfSentAt(nowMillis);
    lastSendMillis = Math.max(lastSendMillis, nowMillis);
    if (mode == Mode.WARNED && --warnedSendsLeft <= 0) {
      mode = Mode.NORMAL;
    }
  }

  @Override
  public String toString() {
    return "RateClass[" + id + ", level " + level + ", " + mode + ", " + queue.size() + " queued]";
  }
}
