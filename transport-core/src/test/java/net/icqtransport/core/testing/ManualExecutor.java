package net.icqtransport.core.testing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/** An executor whose tasks run when the test says so, on the test's thread; {@link #runAll} may nest. */
public final class ManualExecutor implements Executor {

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs tasks until none is left, including those they submit. */
  public void runAll() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }
}
