package net.icqtransport.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ScheduledExecutorService} on a virtual clock: tasks run only when the test {@linkplain #advance
 * advances} the clock past their time, on the test's thread. One-shot delays only.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final PriorityQueue<Task<?>> queue =
      new PriorityQueue<>(Comparator.<Task<?>>comparingLong(t -> t.due).thenComparingLong(t -> t.sequence));
  private long now;
  private long sequence;
  private boolean shutdown;
  /** How much later than asked every timer runs, as a busy machine's timers do. */
  private long lateNanos;

  /** The virtual clock in nanoseconds (starts at 0), e.g. for a {@code LoginPacer}. */
  public synchronized long nanoTime() {
    return now;
  }

  /** From now on every timer runs {@code late} after the time it was scheduled for, as on a busy machine. */
  public synchronized void lateTimers(Duration late) {
    lateNanos = late.toNanos();
  }

  /** Moves the clock forward, running every task that falls due, in time order. */
  public void advance(Duration duration) {
    long target;
    synchronized (this) {
      target = now + duration.toNanos();
    }
    while (true) {
      Task<?> next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due > target) {
          now = target;
          return;
        }
        queue.poll();
        now = next.due;
      }
      next.run();
    }
  }

  /** The delays, from now, of the tasks still waiting, soonest first. */
  public synchronized List<Duration> pendingDelays() {
    List<Task<?>> tasks = new ArrayList<>(queue);
    tasks.sort(queue.comparator());
    return tasks.stream().map(t -> Duration.ofNanos(t.due - now)).toList();
  }

  public synchronized int pendingCount() {
    return queue.size();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return schedule(() -> {
      command.run();
      return null;
    }, delay, unit);
  }

  @Override
  public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    }
    Task<V> task = new Task<>(callable, now + unit.toNanos(Math.max(0, delay)) + lateNanos, sequence++);
    queue.add(task);
    return task;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    throw new UnsupportedOperationException("one-shot delays only");
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("one-shot delays only");
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> pending = new ArrayList<>(queue);
    queue.clear();
    return pending;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown && queue.isEmpty();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }

  private synchronized long now() {
    return now;
  }

  private synchronized boolean unschedule(Task<?> task) {
    return queue.remove(task);
  }

  private final class Task<V> implements ScheduledFuture<V>, Runnable {
    private final Callable<V> callable;
    private final long due;
    private final long sequence;
    private final CompletableFuture<V> outcome = new CompletableFuture<>();

    Task(Callable<V> callable, long due, long sequence) {
      this.callable = callable;
      this.due = due;
      this.sequence = sequence;
    }

    @Override
    public void run() {
      if (outcome.isDone()) {
        return;
      }
      try {
        outcome.complete(callable.call());
      } catch (Exception e) {
        outcome.completeExceptionally(e);
      }
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - now(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      unschedule(this);
      return outcome.cancel(false);
    }

    @Override
    public boolean isCancelled() {
      return outcome.isCancelled();
    }

    @Override
    public boolean isDone() {
      return outcome.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      return outcome.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      return outcome.get(timeout, unit);
    }
  }
}
