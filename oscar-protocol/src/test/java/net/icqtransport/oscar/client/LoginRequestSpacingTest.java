package net.icqtransport.oscar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginRequestSpacingTest {
  private static final long MS = 1_000_000;
  private final AtomicLong clock = new AtomicLong(Long.MAX_VALUE - 50 * MS); // wraps during the tests
  private double rate = 100; // one every 10 ms

  private LoginRequestSpacing spacing(Duration tolerance) {
    return new LoginRequestSpacing(() -> rate, 1, tolerance, clock::get);
  }

  @Test
  void requestsThatComeTogetherLeaveOneIntervalApart() {
    LoginRequestSpacing spacing = spacing(Duration.ZERO);
    assertEquals(0, spacing.takeTurn());
    assertEquals(10 * MS, spacing.takeTurn());
    assertEquals(20 * MS, spacing.takeTurn());
    clock.addAndGet(15 * MS);
    assertEquals(15 * MS, spacing.takeTurn(), "its turn is 30 ms after the first");
  }

  /**
   * The logins on their way when the server refused one for its window of logins per address (issue #20): their
   * requests wait until the window opens, as the pacer says, instead of being refused too (24 of 38 refusals of a
   * benchmark restart against a limit that dropped came so), then leave one interval apart.
   */
  @Test
  void requestsWaitWhileTheServersWindowIsClosed() {
    AtomicLong closedUntil = new AtomicLong(clock.get() + 300 * MS);
    LoginRequestSpacing spacing = new LoginRequestSpacing(() -> rate, closedUntil::get, 1, Duration.ZERO,
        clock::get);
    assertEquals(0, spacing.takeTurn(), "its turn has come");
    assertEquals(300 * MS, spacing.clearToSend(), "but the server's window is closed");
    clock.addAndGet(300 * MS);
    assertEquals(0, spacing.clearToSend(), "open");
    assertEquals(10 * MS, spacing.clearToSend(), "the next one an interval later");
    closedUntil.set(clock.get() - 5 * MS);
    clock.addAndGet(10 * MS);
    assertEquals(0, spacing.clearToSend(), "a time already past holds nothing");
  }

  /**
   * A supplier that answers its own "now" (nothing closed) holds nothing, even on a clock that moves between two
   * reads: the closed time is read before the time now.
   */
  @Test
  void aClosedTimeThatIsTheClocksOwnNowHoldsNothing() {
    LoginRequestSpacing spacing = new LoginRequestSpacing(() -> rate, () -> clock.getAndAdd(1), 1, Duration.ZERO,
        () -> clock.getAndAdd(1));
    assertEquals(0, spacing.takeTurn());
    assertEquals(0, spacing.clearToSend());
  }

  @Test
  void theToleranceLetsAFewLeaveEarlyAndNoMore() {
    LoginRequestSpacing spacing = spacing(Duration.ofMillis(25));
    assertEquals(0, spacing.takeTurn());
    assertEquals(0, spacing.takeTurn());
    assertEquals(0, spacing.takeTurn());
    assertEquals(5 * MS, spacing.takeTurn(), "30 ms after the first, 25 ms early");
    assertEquals(15 * MS, spacing.takeTurn());
  }

  @Test
  void aBurstLeavesAtOnceAfterAQuietTimeThenTheRateSpacesThem() {
    LoginRequestSpacing spacing = new LoginRequestSpacing(() -> rate, 3, Duration.ZERO, clock::get);
    assertEquals(0, spacing.takeTurn());
    assertEquals(0, spacing.takeTurn());
    assertEquals(0, spacing.takeTurn());
    assertEquals(10 * MS, spacing.takeTurn(), "the fourth: 30 ms after the first, two intervals early");
    assertThrows(IllegalArgumentException.class, () -> new LoginRequestSpacing(() -> rate, 0, Duration.ZERO,
        clock::get));
  }

  @Test
  void aRequestAfterAQuietTimeLeavesAtOnceAndTheQuietTimeIsNotMadeUp() {
    LoginRequestSpacing spacing = spacing(Duration.ZERO);
    spacing.takeTurn();
    clock.addAndGet(1000 * MS);
    assertEquals(0, spacing.takeTurn());
    assertEquals(10 * MS, spacing.takeTurn(), "no burst for the second that went unused");
  }

  @Test
  void theRateIsReadAtEachRequest() {
    LoginRequestSpacing spacing = spacing(Duration.ZERO);
    spacing.takeTurn();
    rate = 50;
    assertEquals(10 * MS, spacing.takeTurn(), "this one's turn was set at 100 per second");
    assertEquals(30 * MS, spacing.takeTurn(), "then 20 ms apart");
  }

  @Test
  void anInfiniteRateOrNoneSpacesNothing() {
    rate = Double.POSITIVE_INFINITY;
    LoginRequestSpacing spacing = spacing(Duration.ZERO);
    for (int i = 0; i < 100; i++) {
      assertEquals(0, spacing.takeTurn());
    }
    assertEquals(0, LoginRequestSpacing.none().takeTurn());
    assertThrows(IllegalArgumentException.class, () -> spacing(Duration.ofMillis(-1)));
  }

  /**
   * Turns are taken when the requests come, and their sends are timers on a loop. A loop busy with other work (in
   * a restart of 10,000 users, the lanes' presences on the same loops) ran three timers 50 ms late and together,
   * and the three requests left at once (a restart's benchmark: 5 logins refused at a pace 7 % under the limit).
   * Each send now waits for the interval after the request that really left before it.
   */
  @Test
  void sendsWhoseTimersRanLateTogetherStillLeaveOneIntervalApart() {
    LoginRequestSpacing spacing = spacing(Duration.ZERO);
    assertEquals(0, spacing.takeTurn());
    assertEquals(10 * MS, spacing.takeTurn());
    assertEquals(20 * MS, spacing.takeTurn());
    assertEquals(0, spacing.clearToSend(), "the first leaves at its turn");

    clock.addAndGet(50 * MS); // the other two timers run 40 and 30 ms late, at the same moment
    assertEquals(0, spacing.clearToSend(), "the second: more than an interval after the first left");
    assertEquals(10 * MS, spacing.clearToSend(), "the third waits an interval after the second");
    clock.addAndGet(10 * MS);
    assertEquals(0, spacing.clearToSend());
  }
}
