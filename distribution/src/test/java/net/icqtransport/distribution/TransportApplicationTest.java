package net.icqtransport.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The parts of the wiring that no end-to-end test can see. */
class TransportApplicationTest {

  @Test
  void aCancelledBridgeTimerDoesNotStayQueuedUntilItWouldHaveFired() {
    ScheduledThreadPoolExecutor timer = TransportApplication.bridgeTimer();
    try {
      // What 1,000 logins and logouts leave: each login's timeout (30 s) and short-session timer (1 min), cancelled.
      List<ScheduledFuture<?>> timers = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        timers.add(timer.schedule(() -> {}, 30, TimeUnit.SECONDS));
        timers.add(timer.schedule(() -> {}, 1, TimeUnit.MINUTES));
      }
      ScheduledFuture<?> stillDue = timer.schedule(() -> {}, 1, TimeUnit.MINUTES);

      timers.forEach(t -> t.cancel(false));

      assertEquals(1, timer.getQueue().size(), "tasks queued");
      assertSame(stillDue, timer.getQueue().peek());
    } finally {
      timer.shutdownNow();
    }
  }
}
