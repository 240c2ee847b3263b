package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.registration.LearnedLoginRate;
import net.icqtransport.core.registration.LoginRateStore;
import net.icqtransport.core.registration.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what a {@link LoginPacer} learned about a login server in a {@link LoginRateStore}, so that the next start
 * of the transport paces its logins at the rate the server accepted ({@link #startingRate}) instead of learning it
 * again through refused logins. Looks every {@code period} and writes only a change (of the refused pace, or of
 * more than 1 % of the rate), on the work executor, never on the scheduler's thread; {@link #close()} writes the
 * last change. Thread-safe.
 */
public final class LoginRateRecorder implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LoginRateRecorder.class);
  /** A change of the rate smaller than this share is not worth a write. */
  private static final double RELEVANT_CHANGE = 0.01;

  private final LoginPacer pacer;
  private final LoginRateStore store;
  private final String loginServer;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final long periodNanos;
  private LearnedLoginRate written;
  private ScheduledFuture<?> timer;
  private boolean closed;

  private LoginRateRecorder(LoginPacer pacer, LoginRateStore store, String loginServer,
      ScheduledExecutorService scheduler, Executor executor, Duration period, LearnedLoginRate written) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    this.store = Objects.requireNonNull(store, "store");
    this.loginServer = Objects.requireNonNull(loginServer, "loginServer");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive: " + period);
    }
    this.periodNanos = period.toNanos();
    this.written = written;
  }

  /**
   * What to start pacing logins to {@code loginServer} at: what was learned before, else {@code configured}.
   * A store that cannot be read (logged) gives {@code configured}.
   */
  public static LearnedLoginRate startingRate(LoginRateStore store, String loginServer, double configured) {
    Optional<LearnedLoginRate> learned;
    try {
      learned = store.find(loginServer);
    } catch (StoreException e) {
      log.warn("Cannot read the login rate learned from {}; starting at the configured {} per second: {}",
          loginServer, configured, e.getMessage());
      return LearnedLoginRate.startingAt(configured);
    }
    learned.ifPresentOrElse(
        rate -> {
          if (rate.refusedAt().isPresent()) {
            log.info("Logins to {} start just under {} per second, the pace at which the server refused logins before",
                loginServer, round(rate.refusedAt().getAsDouble()));
          } else {
            log.info("Logins to {} start at {} per second, learned before", loginServer, round(rate.loginsPerSecond()));
          }
        },
        () -> log.info("Logins to {} start at the configured {} per second; the transport learns the server's"
            + " limit from its answers", loginServer, configured));
    return learned.orElseGet(() -> LearnedLoginRate.startingAt(configured));
  }

  /**
   * Starts recording: looks at the pacer every {@code period} and writes a change on {@code executor}.
   *
   * @param started the rate the pacer started at, taken as already written
   */
  public static LoginRateRecorder start(LoginPacer pacer, LoginRateStore store, String loginServer,
      LearnedLoginRate started, ScheduledExecutorService scheduler, Executor executor, Duration period) {
    LoginRateRecorder recorder = new LoginRateRecorder(pacer, store, loginServer, scheduler, executor, period,
        started);
    recorder.schedule();
    return recorder;
  }

  private synchronized void schedule() {
    if (closed) {
      return;
    }
    try {
      timer = scheduler.schedule(this::look, periodNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      timer = null; // shutting down: close() writes the last change
    }
  }

  private void look() {
    Optional<LearnedLoginRate> change = change();
    if (change.isEmpty()) {
      schedule();
      return;
    }
    try {
      executor.execute(() -> {
        try {
          write(change.get());
        } finally {
          schedule();
        }
      });
    } catch (RejectedExecutionException e) {
      schedule();
    }
  }

  /** What the pacer learned since the last write, if it matters. */
  private synchronized Optional<LearnedLoginRate> change() {
    return pacer.learned().filter(now -> written == null || matters(written, now));
  }

  private void write(LearnedLoginRate rate) {
    try {
      store.save(loginServer, rate);
      synchronized (this) {
        written = rate;
      }
      log.debug("Recorded the login rate of {}: {}", loginServer, rate);
    } catch (StoreException e) {
      log.warn("Cannot record the login rate learned from {}: {}", loginServer, e.getMessage());
    }
  }

  /** Stops looking and writes the last change, on the caller's thread. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (timer != null) {
        timer.cancel(false);
      }
    }
    change().ifPresent(this::write);
  }

  static boolean matters(LearnedLoginRate before, LearnedLoginRate now) {
    return !before.refusedAt().equals(now.refusedAt())
        || Math.abs(now.loginsPerSecond() - before.loginsPerSecond()) > RELEVANT_CHANGE * before.loginsPerSecond();
  }

  private static String round(double rate) {
    return String.format(java.util.Locale.ROOT, "%.1f", rate);
  }
}
