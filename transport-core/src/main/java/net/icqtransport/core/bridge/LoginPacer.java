package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.pacing.VirtualScheduling;
import net.icqtransport.core.registration.LearnedLoginRate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spaces the transport's logins to the legacy network evenly, for all users together, at the rate the login
 * server accepts from the transport's address, and learns that rate from the server's answers: a restart that
 * brings thousands of users back at once then goes as fast as the server allows, without being refused ("rate
 * limit exceeded", OSCAR login errors 0x0018 and 0x001D; 0x0016 and 0x0017 are taken the same way).
 *
 * <p>Each login asks for the next slot ({@link #nextSlot}) and starts when it is handed out. Slots are handed
 * out in the order asked for, at the current rate: a virtual-scheduling form of the generic cell rate algorithm
 * (ITU-T I.371 §4.4.2) with a burst tolerance, run on the scheduler for the logins that wait. A pacer that was
 * idle lets up to {@code burst} logins start at once (a take-over of the users of a stopped instance, a few users
 * coming back together); beyond that logins start one interval apart. Logins wait here rather than on timers of
 * their own, so a change of the rate applies to every login still waiting.
 *
 * <p>The rate is learned ({@link LoginRateControl}): it starts at the configured or last learned rate, grows
 * while logins wait for their slots (not while idle: an idle transport learns nothing about the server), and
 * decreases when the server refuses a login of a crowd for its rate limits ({@link #rateLimited}), to just under
 * what the server accepted in the second before the refusal ({@link #accepted}: the logins it answered with
 * success then, at its authorizer, which is the count its own window held, where the slots handed out in that
 * second were up to 5 % fewer or more as the logins' way to the server varied, issue #20), remembering that pace
 * as a ceiling to hold under and probe above now and then. Real OSCAR servers limit logins per source address, and
 * a transport is one address for all its users;
 * they also lock an account out after about 5 logins of it within ~20 s with the same error codes. So a refused
 * login that came alone says nothing about the pace and changes nothing here; and the refusals that answer
 * logins started before, or within a second after, the last decrease answer the overshoot that decrease already
 * answered (the server counts logins over a window), so a burst of refusals is one decrease. After a decrease
 * there is no burst for {@code quiet}. Thread-safe; nothing blocks.
 */
public final class LoginPacer {

  private static final Logger log = LoggerFactory.getLogger(LoginPacer.class);

  /** The additive increase unless configured: logins per second gained per second of pacing with logins waiting. */
  public static final double DEFAULT_INCREASE = 2;
  /** How far back the pacer counts logins, to tell a crowd from a lone login and to measure the pace. */
  private static final long RECENT_NANOS = Duration.ofSeconds(1).toNanos();
  /** Refusals of logins started within this long after a decrease answer the overshoot that decrease answered. */
  private static final long HOLDOFF_NANOS = Duration.ofSeconds(1).toNanos();
  /** The longest time one grant counts as pacing, so that a timer delayed by a pause does not jump the rate. */
  private static final long MAX_GROWTH_STEP_NANOS = Duration.ofSeconds(1).toNanos();
  /**
   * How far back a slot keeps its time: a hand-out whose timer ran up to this late gives the slots that fell due
   * meanwhile at once and keeps the schedule, so that timers running a fraction of a millisecond late at a few
   * hundred logins per second do not lower the pace (at most 2.5 % more logins in any second than the rate); a
   * longer pause (a stalled machine, an idle pacer) is lost rather than made up in a burst.
   */
  private static final Duration CATCH_UP = Duration.ofMillis(25);
  /** Fewer logins than this in a second do not measure a pace: one more or less is too large a share of it. */
  private static final int MIN_COUNTED = 5;

  private final int burst;
  private final long quietNanos;
  private final LongSupplier nanoClock;
  /** Runs the hand-out of waiting slots; null for {@link #unlimited()}. */
  private final ScheduledExecutorService scheduler;
  /** Null for {@link #unlimited()}. */
  private final LoginRateControl control;
  /** The logins waiting for a slot, in the order they asked. */
  private final ArrayDeque<Request> waiting = new ArrayDeque<>();
  /** The slots of the last {@link #RECENT_NANOS}, oldest first. */
  private final ArrayDeque<Grant> recent = new ArrayDeque<>();
  /** When the server's successful answers of the last {@link #RECENT_NANOS} came ({@link #accepted}), oldest first. */
  private final ArrayDeque<Long> acceptedRecently = new ArrayDeque<>();
  /** How many of {@link #recent} each account has. */
  private final Map<LegacyContactId, Integer> recentPerAccount = new HashMap<>();
  /**
   * When the next login would start if no burst were allowed, on {@code nanoClock}'s scale. A login may start
   * {@code (burst - 1)} intervals before it.
   */
  private final VirtualScheduling schedule = new VirtualScheduling(CATCH_UP);
  /** Up to when the pacing with logins waiting has been counted as growth. */
  private long grownUntil;
  private boolean decreased;
  /** When the rate was last decreased, if {@link #decreased}. */
  private long decreasedAt;
  /** Whether a refusal found the server's window full; until {@link #windowOpensAt} then. */
  private boolean windowClosed;
  /** When the server's window has room again for the rate set at the last refusal, on {@code nanoClock}'s scale. */
  private long windowOpensAt;
  /** Hands out the next waiting slot when due; null while none is scheduled. */
  private ScheduledFuture<?> timer;

  /**
   * A pacer that starts at {@code loginsPerSecond}, grows by {@link #DEFAULT_INCREASE} and allows no burst for
   * 5 minutes after a decrease.
   *
   * @param scheduler hands out the slots of the logins that wait
   * @param nanoClock a monotonic clock in nanoseconds on the scheduler's time scale, e.g. {@code System::nanoTime}
   */
  public LoginPacer(double loginsPerSecond, int burst, ScheduledExecutorService scheduler, LongSupplier nanoClock) {
    this(LearnedLoginRate.startingAt(loginsPerSecond), DEFAULT_INCREASE, burst, Duration.ofMinutes(5), scheduler,
        nanoClock);
  }

  /**
   * @param start the rate to start at: the configured one, or what was learned before (with a known refused pace
   *     the start is at most 95 % of it)
   * @param increase logins per second gained per second of pacing with logins waiting; 0: the rate never grows
   *     (a fixed pace that refusals can only lower)
   * @param burst how many logins may start at once after an idle time (1: none before its slot)
   * @param quiet how long after a decrease the pacer allows no burst
   * @param scheduler hands out the slots of the logins that wait
   * @param nanoClock a monotonic clock in nanoseconds on the scheduler's time scale, e.g. {@code System::nanoTime}
   */
  public LoginPacer(LearnedLoginRate start, double increase, int burst, Duration quiet,
      ScheduledExecutorService scheduler, LongSupplier nanoClock) {
    this(new LoginRateControl(Objects.requireNonNull(start, "start"), increase), burst, quiet,
        Objects.requireNonNull(scheduler, "scheduler"), nanoClock);
  }

  private LoginPacer(LoginRateControl control, int burst, Duration quiet, ScheduledExecutorService scheduler,
      LongSupplier nanoClock) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    if (quiet.isNegative() || quiet.isZero()) {
      throw new IllegalArgumentException("quiet must be positive: " + quiet);
    }
    this.control = control;
    this.burst = burst;
    this.quietNanos = quiet.toNanos();
    this.scheduler = scheduler;
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** A pacer that never makes a login wait and learns nothing: for tests and tools that log in one account. */
  public static LoginPacer unlimited() {
    return new LoginPacer(null, 1, Duration.ofMinutes(5), null, System::nanoTime);
  }

  /**
   * The next login slot: completes, in the order asked for, when the login may start; already complete if it may
   * start now. Cancel it to give the slot up (the user went away while waiting): a cancelled request takes no
   * slot. Fails with {@link LoginFailedException} ({@link LoginFailure#SERVICE_UNAVAILABLE}) once the scheduler
   * is shut down.
   *
   * @param account the account that logs in: its own logins do not make a crowd ({@link LoginSlot#crowded()})
   */
  public CompletableFuture<LoginSlot> nextSlot(LegacyContactId account) {
    Objects.requireNonNull(account, "account");
    Request result = new Request(new CompletableFuture<>(), account);
    List<Request> failed;
    LoginSlot now = null;
    synchronized (this) {
      long t = nanoClock.getAsLong();
      dropGivenUp();
      if (waiting.isEmpty() && mayStart(t)) {
        now = grant(t, account);
        failed = List.of();
      } else {
        if (waiting.isEmpty()) {
          grownUntil = t; // logins wait from now: the pacing counts as growth
        }
        waiting.add(result);
        failed = arm(t);
      }
    }
    if (now != null) {
      result.slot().complete(now);
    }
    failShutDown(failed);
    return result.slot();
  }

  /**
   * The login server accepted a login ({@code LegacyListener#loginAccepted}: where its limit of logins per address
   * counts it, before the session is set up): counted for a second, so that a refusal tells how many logins the
   * server took in the second before it. Call it as the answer comes, before any queue.
   */
  public void accepted() {
    synchronized (this) {
      if (control == null) {
        return;
      }
      long t = nanoClock.getAsLong();
      forgetAcceptedBefore(t);
      acceptedRecently.addLast(t);
    }
  }

  /**
   * The server's answer to the login of {@code slot}, as it comes: a refusal for its rate limits goes to
   * {@link #rateLimited}; any other answer changes nothing here (acceptances are counted at the authorizer,
   * {@link #accepted}). Never throws: a failure of the pacer is logged, and the caller's answer goes on to the
   * user or the registration that waits for it.
   *
   * @param refusal the login's failure, or null if it succeeded
   * @return whether the rate decreased
   */
  public boolean answered(LoginSlot slot, LoginFailedException refusal) {
    if (refusal == null || refusal.failure() != LoginFailure.RATE_LIMITED) {
      return false;
    }
    try {
      return rateLimited(slot);
    } catch (RuntimeException e) {
      log.warn("The login pacer failed to take a refusal of a login for the server's rate limits", e);
      return false;
    }
  }

  /**
   * The server refused the login of {@code slot} for its rate limits (OSCAR login errors 0x0016-0x0018, 0x001D):
   * if that login was one of a crowd, the transport's pace overshot the server's limit and the rate decreases
   * (once for all the refusals of one overshoot) to just under the logins the server accepted in the second
   * before ({@link #accepted}; the slot's own pace when that was fewer than a handful). A lone login's refusal
   * changes nothing. Call it as the answer comes, before any queue.
   *
   * @return whether the rate decreased
   */
  public boolean rateLimited(LoginSlot slot) {
    Objects.requireNonNull(slot, "slot");
    synchronized (this) {
      if (control == null || !slot.crowded()) {
        return false;
      }
      if (decreased && slot.grantedAtNanos() - (decreasedAt + HOLDOFF_NANOS) < 0) {
        return false; // started before the last decrease had a chance to show at the server
      }
      long t = nanoClock.getAsLong();
      forgetAcceptedBefore(t);
      int accepted = acceptedRecently.size();
      double pace = accepted >= MIN_COUNTED ? accepted : slot.pace();
      double before = control.rate();
      control.refused(pace);
      decreased = true;
      decreasedAt = t;
      if (accepted >= MIN_COUNTED) {
        windowClosed = true;
        windowOpensAt = windowOpensFor(t, interval());
        schedule.postpone(t, windowOpensAt);
      }
      log.info("The ICQ login server refused a login for its rate limit after {} logins in a second: logins of the"
          + " transport slowed down from {} to {} per second", round(pace), round(before), round(control.rate()));
      return true;
    }
  }

  /**
   * Until when, on the pacer's clock, the server takes no login: its window of logins per address was full at the
   * last refusal and opens again as the logins it counted grow a second old, fast enough for the rate from then on
   * ({@link #windowOpensFor}). The time now (or earlier) while nothing is known to be closed. The logins that left
   * their slots before the refusal hold their requests until then ({@code IcqNetwork#spaceLoginRequests}).
   */
  public synchronized long closedUntilNanos() {
    long t = nanoClock.getAsLong();
    return windowClosed && windowOpensAt - t > 0 ? windowOpensAt : t;
  }

  /** The current rate in logins per second ({@link Double#POSITIVE_INFINITY} for {@link #unlimited()}). */
  public synchronized double loginsPerSecond() {
    return control == null ? Double.POSITIVE_INFINITY : control.rate();
  }

  /** The current rate, while the pacer slowed down after a refusal within {@code quiet}; empty otherwise. */
  public synchronized OptionalDouble slowedTo() {
    return control != null && decreased && nanoClock.getAsLong() - decreasedAt < quietNanos
        ? OptionalDouble.of(control.rate()) : OptionalDouble.empty();
  }

  /** What the pacer has learned so far, to start from after a restart; empty for {@link #unlimited()}. */
  public synchronized Optional<LearnedLoginRate> learned() {
    return control == null ? Optional.empty() : Optional.of(control.learned());
  }

  /** Hands out the slots that are due, in order, and schedules the next hand-out. Runs on the scheduler. */
  private void handOut() {
    List<Request> due = new ArrayList<>();
    List<LoginSlot> slots = new ArrayList<>();
    List<Request> failed;
    synchronized (this) {
      timer = null;
      long t = nanoClock.getAsLong();
      dropGivenUp();
      while (!waiting.isEmpty() && mayStart(t)) {
        control.grow(Math.min(t - grownUntil, MAX_GROWTH_STEP_NANOS) / 1e9);
        grownUntil = t;
        Request request = waiting.poll();
        due.add(request);
        slots.add(grant(t, request.account()));
        dropGivenUp();
      }
      failed = arm(t);
    }
    for (int i = 0; i < due.size(); i++) {
      due.get(i).slot().complete(slots.get(i)); // false if given up meanwhile: that slot goes unused
    }
    failShutDown(failed);
  }

  /**
   * When logins at one per {@code interval} may start again so that none meets the server's full window: the
   * window takes the k-th new login once the k-th oldest it counts is a second old, so the first may start at the
   * latest of (k-th oldest accepted + 1 s − (k − 1) intervals). After a burst (a restart above a limit that
   * dropped) that is a while; overshooting by a little, at once ({@code t}).
   */
  private long windowOpensFor(long t, long interval) {
    long opens = t;
    long k = 0;
    for (long acceptedAt : acceptedRecently) {
      long free = acceptedAt + RECENT_NANOS - k * interval;
      if (free - opens > 0) {
        opens = free;
      }
      k++;
    }
    return opens;
  }

  private void forgetAcceptedBefore(long t) {
    while (!acceptedRecently.isEmpty() && t - acceptedRecently.peekFirst() > RECENT_NANOS) {
      acceptedRecently.pollFirst();
    }
  }

  /** Forgets the waiting requests at the head that were given up (cancelled): they take no slot. */
  private void dropGivenUp() {
    while (!waiting.isEmpty() && waiting.peek().slot().isDone()) {
      waiting.poll();
    }
  }

  /** Whether a login may start at {@code t}. */
  private boolean mayStart(long t) {
    return control == null || start(t) - t <= 0;
  }

  /** The earliest time the next login may start, as things stand at {@code t}. */
  private long start(long t) {
    long interval = interval();
    return schedule.earliest(t, burstAllowed(t) ? (burst - 1) * interval : 0);
  }

  private boolean burstAllowed(long t) {
    return !decreased || t - decreasedAt >= quietNanos;
  }

  private long interval() {
    return Math.max(1, Math.round(1e9 / control.rate()));
  }

  /**
   * Takes the slot at {@code t} for a login of {@code account}. It is one of a crowd if at least two logins of
   * other accounts started in the second before it or still wait after it.
   */
  private LoginSlot grant(long t, LegacyContactId account) {
    while (!recent.isEmpty() && t - recent.peekFirst().at() > RECENT_NANOS) {
      recentPerAccount.computeIfPresent(recent.pollFirst().account(), (key, count) -> count == 1 ? null : count - 1);
    }
    int started = recent.size();
    int othersStarted = started - recentPerAccount.getOrDefault(account, 0);
    double rate = control == null ? Double.POSITIVE_INFINITY : control.rate();
    double pace = started >= MIN_COUNTED ? Math.min(rate, started) : rate;
    if (control != null) {
      schedule.take(t, interval());
    }
    recent.addLast(new Grant(t, account));
    recentPerAccount.merge(account, 1, Integer::sum);
    return new LoginSlot(t, pace, othersStarted + waiting.size() >= 2);
  }

  /**
   * Schedules the next hand-out if logins wait and none is scheduled; returns the waiting requests to fail if the
   * scheduler is shut down (failed outside the lock, as their callbacks may ask for slots again).
   */
  private List<Request> arm(long t) {
    if (timer != null || waiting.isEmpty()) {
      return List.of();
    }
    try {
      timer = scheduler.schedule(this::handOut, start(t) - t, TimeUnit.NANOSECONDS);
      return List.of();
    } catch (RejectedExecutionException e) {
      List<Request> failed = new ArrayList<>(waiting);
      waiting.clear();
      return failed;
    }
  }

  private static void failShutDown(List<Request> failed) {
    for (Request request : failed) {
      request.slot().completeExceptionally(
          new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, "the transport is shutting down"));
    }
  }

  private static String round(double rate) {
    return String.format(java.util.Locale.ROOT, "%.1f", rate);
  }

  /** A login's request for a slot, and whose login it is. */
  private record Request(CompletableFuture<LoginSlot> slot, LegacyContactId account) {}

  /** A slot handed out: when, and to which account. */
  private record Grant(long at, LegacyContactId account) {}
}
