package net.icqtransport.oscar.client;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import net.icqtransport.core.pacing.VirtualScheduling;

/**
 * Spaces the login requests that reach the authorizer (SNAC 17/02, or the channel-1 login of the roasted method)
 * of all sessions at a rate given from outside (the transport's login pacer), where the server counts them. A
 * pacer that hands out evenly spaced slots cannot keep the logins evenly spaced at the server by itself: between a
 * slot and its request lie a TCP connection, the authorizer's hello and the key round trip (17/06, 17/07), on
 * event loops busy with the other sessions, and latencies that vary by a hundred milliseconds bunch requests at
 * the server past its limit of logins per address (in a restart of 10,000 users paced at 175 per second, up to
 * 197 requests reached the server in one second). Requests that come faster than the rate wait their turn here,
 * each one interval after the one before, with the pacer's burst and a tolerance of {@code tolerance} (GCRA's
 * {@link VirtualScheduling}, ITU-T I.371 §4.4.2, as the pacer keeps its own): after a quiet time up to
 * {@code burst} requests leave at once, as the pacer let their logins start at once (a take-over of a stopped instance's users); within any second at most
 * {@code burst} − 1 + the rate and {@code tolerance} × rate more leave. Thread-safe.
 */
public final class LoginRequestSpacing {

  private static final LoginRequestSpacing NONE = new LoginRequestSpacing(() -> Double.POSITIVE_INFINITY, 1,
      Duration.ZERO, System::nanoTime);

  private final DoubleSupplier loginsPerSecond;
  private final LongSupplier closedUntil;
  private final int burst;
  private final long toleranceNanos;
  private final LongSupplier nanoClock;
  /** When the next request would leave without burst or tolerance; guarded by this. */
  private final VirtualScheduling schedule = new VirtualScheduling(Duration.ZERO);
  /**
   * The same, counted from when the requests really left; guarded by this. A turn is taken when a request comes,
   * and its send is a timer on a loop: a loop busy with other work (a restart's thousands of presences on the
   * users' lanes) runs the timers late, and then together, so each send checks this schedule again.
   */
  private final VirtualScheduling sent = new VirtualScheduling(Duration.ZERO);

  /**
   * @param loginsPerSecond the rate to space requests at, read at each request; infinite or not positive: no
   *     spacing
   * @param burst how many requests may leave at once after a quiet time: the pacer's burst (1: none early)
   * @param tolerance how early a request may leave before its turn, so that small delays of the ones before
   *     it cost no rate
   * @param nanoClock a monotonic clock in nanoseconds, e.g. {@code System::nanoTime}
   */
  public LoginRequestSpacing(DoubleSupplier loginsPerSecond, int burst, Duration tolerance, LongSupplier nanoClock) {
    this(loginsPerSecond, nanoClock, burst, tolerance, nanoClock);
  }

  /**
   * Spacing that also holds every request until {@code closedUntil}: the time, on {@code nanoClock}, until which
   * the server takes no login (its window of logins per address was full at its last refusal; the pacer knows when
   * it opens again), {@code now} or earlier while it takes them. The requests of logins already on their way
   * when the server refused one would be refused too.
   */
  public LoginRequestSpacing(DoubleSupplier loginsPerSecond, LongSupplier closedUntil, int burst, Duration tolerance,
      LongSupplier nanoClock) {
    this.loginsPerSecond = Objects.requireNonNull(loginsPerSecond, "loginsPerSecond");
    this.closedUntil = Objects.requireNonNull(closedUntil, "closedUntil");
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    this.burst = burst;
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("tolerance must not be negative: " + tolerance);
    }
    this.toleranceNanos = tolerance.toNanos();
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** No spacing: every request leaves at once. */
  public static LoginRequestSpacing none() {
    return NONE;
  }

  /**
   * Runs {@code send} on {@code loop} at the request's turn, and not before the interval after the request that
   * really left before it: at once if both are due now.
   */
  void whenDue(EventLoop loop, Runnable send) {
    long delay = takeTurn();
    if (delay <= 0) {
      sendWhenClear(loop, send);
    } else {
      loop.schedule(() -> sendWhenClear(loop, send), delay, TimeUnit.NANOSECONDS);
    }
  }

  private void sendWhenClear(EventLoop loop, Runnable send) {
    long wait = clearToSend();
    if (wait <= 0) {
      send.run();
    } else {
      loop.schedule(() -> sendWhenClear(loop, send), wait, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Whether a request whose turn has come may leave now, counted from the requests that really left and held while
   * the server's window is closed: 0, and the send is counted, or how many nanoseconds it must wait still.
   */
  synchronized long clearToSend() {
    long interval = interval();
    if (interval == 0) {
      return 0;
    }
    long until = closedUntil.getAsLong(); // before now: a supplier that answers its own "now" holds nothing
    long now = nanoClock.getAsLong();
    if (until - now > 0) {
      return until - now;
    }
    long at = sent.earliest(now, (burst - 1) * interval + toleranceNanos);
    if (at - now > 0) {
      return at - now;
    }
    sent.take(now, interval);
    return 0;
  }

  /** Takes the next turn; returns how many nanoseconds from now it comes. */
  synchronized long takeTurn() {
    long interval = interval();
    if (interval == 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    long at = schedule.earliest(now, (burst - 1) * interval + toleranceNanos); // after a quiet time: now
    schedule.take(now, interval);
    return at - now;
  }

  /** The interval between requests at the current rate, in nanoseconds; 0: no spacing. */
  private long interval() {
    double rate = loginsPerSecond.getAsDouble();
    if (!(rate > 0) || Double.isInfinite(rate)) {
      return 0;
    }
    return Math.max(1, Math.round(1e9 / rate));
  }
}
