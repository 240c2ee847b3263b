package net.icqtransport.oscar.client.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.service.RateChange;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.RateParameters.RateClass;
import net.icqtransport.oscar.snac.service.RateParameters.RateGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limiter against a hand-driven clock, checked by a model of the server's computation (iserverd
 * {@code rate_limits.txt}): level = ((window − 1) · level + Δt) / window at every SNAC the server receives.
 */
class RateLimiterTest {
  /** Class 3 of the iserverd SNAC(01,07) dump (ICBM sends): window 20, clear 5100, alert 5000, limit 4000. */
  private static final RateClass MESSAGES = new RateClass(3, 20, 5100, 5000, 4000, 3000, 4423, 6000, 23768, 0);
  /** Class 1 of the dump, the default class. */
  private static final RateClass GENERIC = new RateClass(1, 80, 2500, 2000, 1500, 800, 3433, 6000, 0, 0);
  private static final int ICBM_SEND = 0x00040006;

  /** What the server computes for one class from the times it receives SNACs. */
  private static final class ServerModel {
    final RateClass params;
    long level;
    long last;
    long lowest = Long.MAX_VALUE;

    ServerModel(RateClass params, long start) {
      this.params = params;
      this.level = params.current();
      this.last = start - params.lastTime();
    }

    void received(long at) {
      level = Math.min(params.max(), ((params.window() - 1) * level + (at - last)) / params.window());
      last = at;
      lowest = Math.min(lowest, level);
    }
  }

  private FakeRateScheduler clock;
  private List<Snac> sent;
  private List<Long> sentAt;
  private RateLimiter limiter;

  @BeforeEach
  void setUp() {
    clock = new FakeRateScheduler();
    sent = new ArrayList<>();
    sentAt = new ArrayList<>();
    limiter = limiter(1000);
  }

  private RateLimiter limiter(int maxQueued) {
    RateParameters parameters = new RateParameters(List.of(GENERIC, MESSAGES),
        List.of(new RateGroup(1, List.of(0x00010002, 0x00150002)), new RateGroup(3, List.of(ICBM_SEND))));
    return new RateLimiter(parameters, clock, snac -> {
      sent.add(snac);
      sentAt.add(clock.nowMillis());
    }, maxQueued);
  }

  private static Snac message(int n) {
    return new Snac(0x04, 0x06, 0, n, new byte[] {(byte) n});
  }

  @Test
  void aBurstOfAHundredMessagesNeverTakesTheLevelBelowAlertAndKeepsItsOrder() {
    ServerModel server = new ServerModel(MESSAGES, clock.nowMillis());
    for (int i = 1; i <= 100; i++) {
      limiter.submit(message(i));
    }
    assertTrue(limiter.queueDepth() > 90, "most of the burst waits: " + limiter.queueDepth());
    clock.advance(20 * 60_000);
    assertEquals(100, sent.size());
    assertEquals(0, limiter.queueDepth());
    for (int i = 0; i < 100; i++) {
      assertEquals(i + 1, sent.get(i).requestId(), "order kept");
      server.received(sentAt.get(i));
    }
    assertTrue(server.lowest >= MESSAGES.alert(), "lowest level " + server.lowest);
    // Not slower than needed: in the steady state one message per alert-level interval.
    long lastGap = sentAt.get(99) - sentAt.get(98);
    assertTrue(lastGap <= MESSAGES.alert() + 1, "gap " + lastGap);
    assertEquals(server.level, limiter.level(3));
  }

  @Test
  void sendsAtOnceWhileTheLevelAllowsIt() {
    limiter.submit(message(1));
    limiter.submit(message(2));
    assertEquals(2, sent.size(), "the 23.8 s of 'last time' pay for two messages");
    limiter.submit(message(3));
    assertEquals(2, sent.size());
    assertEquals(1, limiter.queueDepth(3));
  }

  @Test
  void classesDoNotWaitForEachOther() {
    for (int i = 1; i <= 5; i++) {
      limiter.submit(message(i));
    }
    limiter.submit(new Snac(0x15, 0x02, 0, 99, new byte[0]));
    assertEquals(99, sent.get(sent.size() - 1).requestId(), "a generic SNAC passes the queued messages");
  }

  @Test
  void snacsOfNoGroupFallIntoClassOne() {
    for (int i = 0; i < 60; i++) {
      limiter.submit(new Snac(0x13, 0x08, 0, i, new byte[0]));
    }
    assertTrue(limiter.queueDepth(1) > 0, "class 1 paces unlisted SNACs");
    assertEquals(0, limiter.queueDepth(3));
  }

  @Test
  void aWarningSlowsTheClassDown() {
    FakeRateScheduler otherClock = new FakeRateScheduler();
    List<Long> normalTimes = new ArrayList<>();
    RateLimiter normal = new RateLimiter(new RateParameters(List.of(MESSAGES),
        List.of(new RateGroup(3, List.of(ICBM_SEND)))), otherClock, s -> normalTimes.add(otherClock.nowMillis()), 1000);

    ServerModel server = new ServerModel(MESSAGES, clock.nowMillis());
    limiter.rateChanged(new RateChange(RateChange.Code.WARNING, MESSAGES));
    for (int i = 1; i <= 20; i++) {
      limiter.submit(message(i));
      normal.submit(message(i));
    }
    clock.advance(60_000);
    otherClock.advance(60_000);
    assertTrue(sent.size() < normalTimes.size(), sent.size() + " warned vs " + normalTimes.size() + " normal");
    for (long at : sentAt) {
      server.received(at);
    }
    assertTrue(server.lowest >= MESSAGES.clear(), "warned: stays above clear, lowest " + server.lowest);
  }

  @Test
  void limitedPausesUntilClear() {
    limiter.submit(message(1));
    limiter.rateChanged(new RateChange(RateChange.Code.LIMITED,
        new RateClass(3, 20, 5100, 5000, 4000, 3000, 3900, 6000)));
    limiter.submit(message(2));
    clock.advance(10_000);
    assertEquals(1, sent.size(), "nothing while limited");
    limiter.rateChanged(new RateChange(RateChange.Code.CLEAR,
        new RateClass(3, 20, 5100, 5000, 4000, 3000, 5200, 6000)));
    assertEquals(2, sent.size(), "sent as soon as the class is clear");
  }

  @Test
  void limitedResumesWhenTheLevelHasRecoveredEvenWithoutClear() {
    limiter.submit(message(1));
    limiter.rateChanged(new RateChange(RateChange.Code.LIMITED,
        new RateClass(3, 20, 5100, 5000, 4000, 3000, 3900, 6000)));
    limiter.submit(message(2));
    // Δt ≥ 20 · 5100 − 19 · 3900 = 27 900 ms after the last send.
    clock.advance(27_000);
    assertEquals(1, sent.size());
    clock.advance(2_000);
    assertEquals(2, sent.size());
  }

  @Test
  void parametersChangedTakesTheNewLevels() {
    limiter.rateChanged(new RateChange(RateChange.Code.PARAMETERS_CHANGED,
        new RateClass(3, 20, 100, 50, 40, 30, 100, 6000)));
    for (int i = 1; i <= 10; i++) {
      limiter.submit(message(i));
    }
    assertTrue(sent.size() >= 6, "a low alert level lets more through: " + sent.size());
  }

  @Test
  void aFullQueueRefusesInsteadOfDropping() {
    RateLimiter small = limiter(5);
    int accepted = 0;
    RateQueueFullException full = null;
    for (int i = 1; i <= 20 && full == null; i++) {
      try {
        small.submit(message(i));
        accepted++;
      } catch (RateQueueFullException e) {
        full = e;
      }
    }
    assertTrue(full != null);
    assertEquals(5, small.queueDepth());
    assertEquals(7, accepted, "two sent at once, five queued");
    clock.advance(60_000);
    assertEquals(7, sent.size());
  }

  @Test
  void closeForgetsTheQueueAndStopsTimers() {
    for (int i = 1; i <= 5; i++) {
      limiter.submit(message(i));
    }
    limiter.close();
    assertEquals(0, limiter.queueDepth());
    clock.advance(60_000);
    assertEquals(2, sent.size());
    assertEquals(0, clock.pendingTasks());
  }

  @Test
  void newRateParametersKeepTheQueue() {
    for (int i = 1; i <= 5; i++) {
      limiter.submit(message(i));
    }
    limiter.update(new RateParameters(List.of(GENERIC, new RateClass(3, 20, 10, 5, 4, 3, 6000, 6000)),
        List.of(new RateGroup(3, List.of(ICBM_SEND)))));
    assertEquals(5, sent.size(), "the relaxed class sends its queue at once");
    for (int i = 0; i < 5; i++) {
      assertEquals(i + 1, sent.get(i).requestId());
    }
  }

  @Test
  void withoutClassesEverythingPasses() {
    RateLimiter none = new RateLimiter(new RateParameters(List.of(), List.of()), clock, sent::add, 1);
    for (int i = 0; i < 10; i++) {
      none.submit(message(i));
    }
    assertEquals(10, sent.size());
  }
}
