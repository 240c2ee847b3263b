package net.icqtransport.xmpp.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.legacy.LegacyContactId;
import org.junit.jupiter.api.Test;

/** One user's memory of the messages written to them, bounded in count and time, for matching bounces. */
class WrittenMessagesTest {
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final AtomicInteger next = new AtomicInteger();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = mock(Clock.class);

  {
    when(clock.instant()).thenAnswer(invocation -> now);
  }

  private final WrittenMessages written =
      new WrittenMessages(() -> "m" + next.incrementAndGet(), 3, Duration.ofMinutes(10), clock);

  private WrittenMessages.Written message(String text) {
    return new WrittenMessages.Written(BOB, text, now);
  }

  @Test
  void aBounceTakesItsMessageOnce() {
    String id = written.remember(message("hi"));

    assertEquals("hi", written.take(id, m -> true).orElseThrow().text());
    assertEquals(Optional.empty(), written.take(id, m -> true), "a second bounce of it finds nothing");
  }

  @Test
  void aBounceThatNamesAnotherContactForgetsNothing() {
    String id = written.remember(message("hi"));

    assertTrue(written.take(id, m -> false).isEmpty());
    assertEquals(1, written.size());
  }

  @Test
  void theOldestGoWhenTheUserHasTooManyAndAllAfterTheirLifetime() {
    String first = written.remember(message("1"));
    written.remember(message("2"));
    written.remember(message("3"));
    String fourth = written.remember(message("4"));

    assertTrue(written.take(first, m -> true).isEmpty(), "the oldest made room");
    assertEquals(3, written.size());

    now = now.plus(Duration.ofMinutes(10));
    assertTrue(written.take(fourth, m -> true).isEmpty(), "expired");
    assertEquals(0, written.size());
  }
}
