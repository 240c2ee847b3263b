package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffPolicyTest {
  private final BackoffPolicy policy = new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2);

  @Test
  void doublesUpToTheMaximumWithoutJitter() {
    long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000};
    for (int attempt = 1; attempt <= expected.length; attempt++) {
      assertEquals(Duration.ofMillis(expected[attempt - 1]), policy.delayAfter(attempt, () -> 0.0), "attempt " + attempt);
    }
    assertEquals(Duration.ofSeconds(30), policy.delayAfter(10_000, () -> 0.0), "no overflow after many attempts");
  }

  @Test
  void jitterTakesOffAtMostItsFraction() {
    assertEquals(Duration.ofMillis(3_200), policy.delayAfter(3, () -> 1.0));
    assertEquals(Duration.ofMillis(3_600), policy.delayAfter(3, () -> 0.5));
    assertEquals(Duration.ofMillis(24_000), policy.delayAfter(20, () -> 1.0));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> policy.delayAfter(0, () -> 0.0));
    assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0));
    assertThrows(IllegalArgumentException.class, () -> new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5));
  }
}
