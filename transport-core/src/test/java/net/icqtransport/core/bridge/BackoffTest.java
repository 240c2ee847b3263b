package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration MIN = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(5);

  @Test
  void ceilingDoublesFromTheFloorUpToTheCap() {
    Backoff backoff = new Backoff(MIN, MAX, () -> 1.0);
    List<Long> seconds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      seconds.add(backoff.nextDelay().toSeconds());
    }
    assertEquals(List.of(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L), seconds);
    assertEquals(10, backoff.attempts());
  }

  @Test
  void zeroJitterStaysAtTheFloor() {
    Backoff backoff = new Backoff(MIN, MAX, () -> 0.0);
    for (int i = 0; i < 5; i++) {
      assertEquals(MIN, backoff.nextDelay());
    }
  }

  @Test
  void jitterIsSpreadOverTheWholeRange() {
    Backoff backoff = new Backoff(MIN, MAX);
    for (int i = 0; i < 20; i++) {
      backoff.nextDelay(); // the ceiling is now the cap
    }
    Set<Long> seen = new HashSet<>();
    long below = 0;
    for (int i = 0; i < 1000; i++) {
      Duration delay = backoff.nextDelay();
      assertTrue(delay.compareTo(MIN) >= 0 && delay.compareTo(MAX) <= 0, delay::toString);
      seen.add(delay.toSeconds());
      if (delay.compareTo(Duration.ofSeconds(150)) < 0) {
        below++;
      }
    }
    assertTrue(seen.size() > 100, "delays should differ, saw " + seen.size() + " distinct seconds");
    assertTrue(below > 300 && below < 700, "about half should fall in the lower half, got " + below);
  }

  @Test
  void resetStartsAgainAtTheFloor() {
    Backoff backoff = new Backoff(MIN, MAX, () -> 1.0);
    backoff.nextDelay();
    backoff.nextDelay();
    assertEquals(Duration.ofSeconds(8), backoff.nextDelay());
    backoff.reset();
    assertEquals(0, backoff.attempts());
    assertEquals(MIN, backoff.nextDelay());
  }

  @Test
  void manyAttemptsDoNotOverflow() {
    Backoff backoff = new Backoff(Duration.ofNanos(1), Duration.ofDays(365), () -> 1.0);
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      last = backoff.nextDelay();
      assertTrue(!last.isNegative() && last.compareTo(Duration.ofDays(365)) <= 0, last::toString);
    }
    assertEquals(Duration.ofDays(365), last);
  }

  @Test
  void refusesAnEmptyOrInvertedRange() {
    assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, MAX));
    assertThrows(IllegalArgumentException.class, () -> new Backoff(MAX, MIN));
  }

  @Test
  void settingsRefuseNonsense() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new BridgeSettings(-1, s, s, s, s));
    assertThrows(IllegalArgumentException.class, () -> new BridgeSettings(1, Duration.ZERO, s, s, s));
    assertThrows(IllegalArgumentException.class, () -> new BridgeSettings(1, s, Duration.ofSeconds(5), s, s));
    assertThrows(NullPointerException.class, () -> new BridgeSettings(1, s, s, s, null));
    BridgeSettings defaults = BridgeSettings.defaults();
    assertEquals(100, defaults.maxQueuedMessages());
    assertEquals(Duration.ofMinutes(5), defaults.reconnectMaxDelay());
  }

  @Test
  void delaysAreDescribedForPeople() {
    assertEquals("2 s", UserBridge.describe(Duration.ofSeconds(2)));
    assertEquals("1 s", UserBridge.describe(Duration.ofMillis(20)));
    assertEquals("3 s", UserBridge.describe(Duration.ofMillis(2001)));
    assertEquals("5 min", UserBridge.describe(Duration.ofMinutes(5)));
    assertEquals("1 min 30 s", UserBridge.describe(Duration.ofSeconds(90)));
  }
}
