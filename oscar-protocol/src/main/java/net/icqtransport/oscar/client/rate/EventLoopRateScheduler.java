package net.icqtransport.oscar.client.rate;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link RateScheduler} on a Netty event loop with {@link System#nanoTime()} as the clock. */
public final class EventLoopRateScheduler implements RateScheduler {
  private final EventLoop loop;

  public EventLoopRateScheduler(EventLoop loop) {
    this.loop = loop;
  }

  @Override
  public long nowMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }

  @Override
  public Runnable schedule(Runnable task, long delayMillis) {
    ScheduledFuture<?> future = loop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }
}
