package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginPacerTest {

  private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 1_000_000_000L); // wraps during the test

  @Test
  void loginsAskedForAtOnceAreSpacedOneIntervalApart() {
    LoginPacer pacer = new LoginPacer(4, clock::get);

    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofMillis(250), pacer.reserve());
    assertEquals(Duration.ofMillis(500), pacer.reserve());
    clock.addAndGet(Duration.ofMillis(100).toNanos());
    assertEquals(Duration.ofMillis(650), pacer.reserve());
  }

  @Test
  void anIdlePacerSavesNoSlotsForLater() {
    LoginPacer pacer = new LoginPacer(10, clock::get);
    pacer.reserve();
    clock.addAndGet(Duration.ofSeconds(5).toNanos());

    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofMillis(100), pacer.reserve(), "no burst after the idle time");
  }

  @Test
  void aThousandLoginsAtOnceTakeTheirRateToStart() {
    LoginPacer pacer = new LoginPacer(200, clock::get);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 1000; i++) {
      last = pacer.reserve();
    }
    assertEquals(Duration.ofMillis(4995), last);
  }

  @Test
  void unlimitedNeverWaits() {
    LoginPacer pacer = LoginPacer.unlimited();
    for (int i = 0; i < 100; i++) {
      assertEquals(Duration.ZERO, pacer.reserve());
    }
  }

  @Test
  void aRateMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LoginPacer(0, clock::get));
    assertThrows(IllegalArgumentException.class, () -> new LoginPacer(Double.NaN, clock::get));
  }

  @Test
  void rateLimitRefusalsSlowEveryLoginDownAndQuietPeriodsUndoItStepByStep() {
    AtomicLong clock = new AtomicLong();
    LoginPacer pacer = new LoginPacer(10, Duration.ofMinutes(5), clock::get);
    assertEquals(Optional.empty(), pacer.slowedInterval());
    pacer.rateLimited();
    assertEquals(Optional.of(Duration.ofSeconds(1)), pacer.slowedInterval(), "one per second at most");
    pacer.rateLimited();
    assertEquals(Optional.of(Duration.ofSeconds(2)), pacer.slowedInterval(), "twice as slow at each refusal");
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofSeconds(2), pacer.reserve());

    clock.addAndGet(Duration.ofMinutes(5).toNanos());
    assertEquals(Optional.of(Duration.ofSeconds(1)), pacer.slowedInterval(), "one step back per quiet period");
    clock.addAndGet(Duration.ofMinutes(5).toNanos());
    assertEquals(Optional.empty(), pacer.slowedInterval());
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofMillis(100), pacer.reserve(), "back at the configured 10 per second");
  }

  @Test
  void anUnlimitedPacerIsSlowedDownByRefusalsToo() {
    AtomicLong clock = new AtomicLong();
    LoginPacer pacer = new LoginPacer(Double.POSITIVE_INFINITY, Duration.ofMinutes(5), clock::get);
    pacer.rateLimited();
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofSeconds(1), pacer.reserve());
    for (int i = 0; i < 10; i++) {
      pacer.rateLimited();
    }
    assertEquals(Optional.of(Duration.ofSeconds(32)), pacer.slowedInterval(), "capped");
  }

  @Test
  void aBurstOfLoginsStartsAtOnceThenTheRateHolds() {
    LoginPacer pacer = new LoginPacer(10, 5, Duration.ofMinutes(5), clock::get);
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, pacer.reserve(), "login " + i + " of the burst");
    }
    assertEquals(Duration.ofMillis(100), pacer.reserve(), "beyond the burst: the configured rate");
    assertEquals(Duration.ofMillis(200), pacer.reserve());
  }

  @Test
  void theBurstAllowanceComesBackAtTheConfiguredRate() {
    LoginPacer pacer = new LoginPacer(10, 5, Duration.ofMinutes(5), clock::get);
    for (int i = 0; i < 5; i++) {
      pacer.reserve();
    }
    clock.addAndGet(Duration.ofMillis(200).toNanos()); // two slots' worth
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofMillis(100), pacer.reserve());
    clock.addAndGet(Duration.ofSeconds(60).toNanos()); // idle: the whole burst again, never more
    for (int i = 0; i < 5; i++) {
      assertEquals(Duration.ZERO, pacer.reserve(), "login " + i + " after the idle time");
    }
    assertEquals(Duration.ofMillis(100), pacer.reserve());
  }

  /** A restart of thousands: the burst saves a few intervals at the start, the rate holds for the rest. */
  @Test
  void aThousandLoginsWithABurstStillTakeTheirRate() {
    LoginPacer pacer = new LoginPacer(200, 20, Duration.ofMinutes(5), clock::get);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 1000; i++) {
      last = pacer.reserve();
    }
    assertEquals(Duration.ofMillis(4900), last, "1000 logins within 20 + 200/s·T: the last at T = 4.9 s");
  }

  @Test
  void aRateLimitRefusalEndsTheBurst() {
    AtomicLong clock = new AtomicLong();
    LoginPacer pacer = new LoginPacer(10, 20, Duration.ofMinutes(5), clock::get);
    for (int i = 0; i < 3; i++) {
      assertEquals(Duration.ZERO, pacer.reserve());
    }
    pacer.rateLimited();
    // The three logins of the burst pushed the theoretical slot to 300 ms; from there one per second.
    assertEquals(Duration.ofMillis(300), pacer.reserve(), "the rest of the burst does not start at once");
    assertEquals(Duration.ofMillis(1300), pacer.reserve());
    clock.addAndGet(Duration.ofMinutes(5).toNanos());
    assertEquals(Optional.empty(), pacer.slowedInterval());
    for (int i = 0; i < 20; i++) {
      assertEquals(Duration.ZERO, pacer.reserve(), "a quiet period later the burst is back: login " + i);
    }
    assertEquals(Duration.ofMillis(100), pacer.reserve());
  }

  @Test
  void aBurstMustBeAtLeastOne() {
    assertThrows(IllegalArgumentException.class, () -> new LoginPacer(10, 0, Duration.ofMinutes(5), clock::get));
  }
}
