package net.icqtransport.core.pacing;

import java.time.Duration;

/**
 * The theoretical arrival time of the generic cell rate algorithm in its virtual-scheduling form (ITU-T I.371
 * §4.4.2): when the next event (a login, a login request) is due if events keep their interval. An event may go
 * early by a tolerance the caller gives ({@link #earliest}); taking a turn ({@link #take}) moves the schedule one
 * interval on. After a quiet time the schedule starts again from now: turns that went unused are not made up,
 * except those of the last {@code catchUp} (a timer that ran a little late keeps the schedule instead of losing
 * the time it was late). Times are nanoseconds of a monotonic clock, compared as differences (it may wrap). Not
 * thread-safe: the caller guards it.
 */
public final class VirtualScheduling {

  private final long catchUpNanos;
  private long theoretical;
  private boolean started;

  /** @param catchUp how far back an unused turn is kept (zero: a late event starts the schedule from now) */
  public VirtualScheduling(Duration catchUp) {
    if (catchUp.isNegative()) {
      throw new IllegalArgumentException("catchUp must not be negative: " + catchUp);
    }
    this.catchUpNanos = catchUp.toNanos();
  }

  /** The earliest time, not before {@code now}, the next event may go when it may go {@code early} before its turn. */
  public long earliest(long now, long early) {
    long at = theoretical(now) - early;
    return at - now < 0 ? now : at;
  }

  /** Takes the next turn at {@code now}: the turn after it comes {@code interval} later. */
  public void take(long now, long interval) {
    theoretical = theoretical(now) + interval;
    started = true;
  }

  /** No turn before {@code until}: the next turn is due then if it was due earlier ({@code now} is the time now). */
  public void postpone(long now, long until) {
    long due = theoretical(now);
    theoretical = until - due > 0 ? until : due;
    started = true;
  }

  private long theoretical(long now) {
    return !started || theoretical - now < -catchUpNanos ? now : theoretical;
  }
}
