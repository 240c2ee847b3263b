package net.icqtransport.oscar.client.rate;

import java.util.Comparator;
import java.util.PriorityQueue;

/** A hand-driven clock: {@link #advance} runs the tasks that fall due, in time order, at their time. */
final class FakeRateScheduler implements RateScheduler {
  private record Task(long due, long order, Runnable run, boolean[] cancelled) {}

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
  private long now = 1_000_000;
  private long order;

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Runnable schedule(Runnable task, long delayMillis) {
    boolean[] cancelled = {false};
    tasks.add(new Task(now + delayMillis, order++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  void advance(long millis) {
    long until = now + millis;
    while (!tasks.isEmpty() && tasks.peek().due() <= until) {
      Task task = tasks.poll();
      now = Math.max(now, task.due());
      if (!task.cancelled()[0]) {
        task.run().run();
      }
    }
    now = until;
  }

  int pendingTasks() {
    return (int) tasks.stream().filter(t -> !t.cancelled()[0]).count();
  }
}
