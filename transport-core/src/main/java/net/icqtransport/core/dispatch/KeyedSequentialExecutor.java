package net.icqtransport.core.dispatch;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time and in submission order per key (a user's bare JID, or another sender's), with
 * different keys in parallel on a shared pool. The transport runs everything of one user on that user's lane:
 * the stanzas the user sends, the user's bridge ({@link #lane}), and the XMPP side's calls back from the bridge
 * ({@link #executeInOrder}), so each user's state on either side is touched by one task at a time, in order. A key's lane exists only while it has work, so idle senders
 * cost nothing. Nothing is ever dropped: the queues are unbounded, measured by {@link #pendingTasks()} and
 * {@link #maxPendingTasks()}, with a warning each time the backlog doubles past 1,000.
 *
 * <p>A lane runs at most {@link #BATCH} tasks per turn before giving its thread back, so one busy sender
 * cannot starve the others.
 *
 * <p>Each key's lane runs on the executor its {@linkplain #KeyedSequentialExecutor(Function) placement} gives for
 * the key, or on one shared pool. The transport places each user's lane on an event loop of the legacy network,
 * the one the user's session does its I/O on ({@link #home}), so that neither side hands the user's work to
 * another thread.
 *
 * <p>{@link #awaitIdle} lets a stop wait until every task handed over so far has run (the component's graceful
 * stop: every stanza read is handled before the stream closes).
 */
public final class KeyedSequentialExecutor<K> {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedSequentialExecutor.class);
  static final int BATCH = 64;
  private static final int FIRST_WARNING = 1_000;

  private final Function<? super K, ? extends Executor> placement;
  private final ConcurrentHashMap<K, Lane> lanes = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger maxPending = new AtomicInteger();
  private final AtomicInteger nextWarning = new AtomicInteger(FIRST_WARNING);
  /** Notified when the last lane goes, i.e. no task is queued or running any more. */
  private final Object idle = new Object();
  /** The key whose task the current thread is running, if any. */
  private final ThreadLocal<K> running = new ThreadLocal<>();

  /** @param pool runs the lanes; must not run tasks on the calling thread nor reject them while in use */
  public KeyedSequentialExecutor(Executor pool) {
    Objects.requireNonNull(pool, "pool");
    this.placement = key -> pool;
  }

  /**
   * @param placement the executor each key's lane runs on, the same one for a key every time (e.g. one of a few
   *     single-threaded event loops, chosen by the key's hash); each must run tasks in the order given, never on
   *     the calling thread, and not reject them while in use
   */
  public KeyedSequentialExecutor(Function<? super K, ? extends Executor> placement) {
    this.placement = Objects.requireNonNull(placement, "placement");
  }

  /** The executor {@code key}'s lane runs on: where work for the key can be put so that it needs no hand-over. */
  public Executor home(K key) {
    return placement.apply(Objects.requireNonNull(key, "key"));
  }

  /** Queues the task behind every task already queued for the same key. */
  public void execute(K key, Runnable task) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(task, "task");
    int now = pending.incrementAndGet();
    maxPending.accumulateAndGet(now, Math::max);
    int warnAt = nextWarning.get();
    if (now >= warnAt && nextWarning.compareAndSet(warnAt, warnAt * 2)) {
      LOG.warn("{} tasks (stanzas and users' work) are waiting to be run", now);
    }
    boolean[] created = new boolean[1];
    Lane lane = lanes.compute(key, (k, existing) -> {
      Lane l = existing;
      if (l == null) {
        l = new Lane(k);
        created[0] = true;
      }
      l.tasks.addLast(task);
      return l;
    });
    if (created[0]) {
      schedule(lane);
    }
  }

  /** The lane of {@code key} as an {@link Executor}: {@code lane(k).execute(t)} is {@code execute(k, t)}. */
  public Executor lane(K key) {
    Objects.requireNonNull(key, "key");
    return task -> execute(key, task);
  }

  /**
   * Runs the task now when the calling thread is running a task of {@code key}'s lane (it is part of that
   * task, so it keeps the lane's order), else queues it like {@link #execute}.
   */
  public void executeInOrder(K key, Runnable task) {
    Objects.requireNonNull(key, "key");
    if (key.equals(running.get())) {
      task.run();
    } else {
      execute(key, task);
    }
  }

  /** Whether the calling thread is running a task of {@code key}'s lane. */
  public boolean isRunning(K key) {
    return key.equals(running.get());
  }

  /** Tasks queued and not yet started. */
  public int pendingTasks() {
    return pending.get();
  }

  /** The largest {@link #pendingTasks()} seen. */
  public int maxPendingTasks() {
    return maxPending.get();
  }

  /** Keys that have queued or running tasks. */
  public int activeKeys() {
    return lanes.size();
  }

  /** Whether no task is queued or running right now. */
  public boolean isIdle() {
    return lanes.isEmpty();
  }

  /**
   * Waits until no task is queued or running (every task handed over so far has run, and those they handed
   * over in turn), or the timeout passes; true if idle. Tasks handed over meanwhile are waited for too.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (idle) {
      while (!lanes.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
      return true;
    }
  }

  private void schedule(Lane lane) {
    try {
      lane.home.execute(lane);
    } catch (RejectedExecutionException e) {
      LOG.error("The executor of the lane of {} refused its tasks (shutting down?)", lane.key, e);
    }
  }

  private final class Lane implements Runnable {
    private final K key;
    private final Executor home;
    /** Only touched inside {@code lanes.compute} for this key, which serializes access. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    Lane(K key) {
      this.key = key;
      this.home = Objects.requireNonNull(placement.apply(key), "the placement gave no executor");
    }

    @Override
    public void run() {
      for (int i = 0; i < BATCH; i++) {
        Runnable task = next();
        if (task == null) {
          return; // the lane removed itself: the next task for this key starts a new lane
        }
        pending.decrementAndGet();
        K outer = running.get();
        running.set(key);
        try {
          task.run();
        } catch (Throwable t) {
          LOG.error("Task for {} failed", key, t);
        } finally {
          running.set(outer);
        }
      }
      schedule(this);
    }

    private Runnable next() {
      Runnable[] out = new Runnable[1];
      lanes.compute(key, (k, l) -> {
        if (l != this) {
          throw new IllegalStateException("lane for " + k + " replaced while running");
        }
        out[0] = tasks.pollFirst();
        return out[0] == null ? null : this;
      });
      if (out[0] == null && lanes.isEmpty()) {
        synchronized (idle) {
          idle.notifyAll();
        }
      }
      return out[0];
    }
  }
}
