package net.icqtransport.xmpp.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.core.legacy.LegacyContactId;
import org.junit.jupiter.api.Test;

/** One user's memory of the messages written to them, bounded in count and time, for matching bounces. */
class WrittenMessagesTest {
  private static final LegacyContactId BOB = new LegacyContactId("123456");
  private static final LegacyContactId CAROL = new LegacyContactId("654321");

  private final AtomicLong next = new AtomicLong();
  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private final WrittenMessages written = memory(3);

  private WrittenMessages memory(int capacity) {
    return new WrittenMessages("t", next::incrementAndGet, capacity, Duration.ofMinutes(10), clock);
  }

  @Test
  void aBounceTakesItsMessageOnce() {
    String id = written.remember(BOB, "hi", null);

    assertEquals("t-m1", id);
    assertEquals(new WrittenMessages.Written(BOB, "hi", clock.instant()), written.take(id, m -> true).orElseThrow());
    assertEquals(Optional.empty(), written.take(id, m -> true), "a second bounce of it finds nothing");
    assertEquals(0, written.size());
  }

  @Test
  void aMessageKeepsTheTimeOfItsDelayStampAsItWas() {
    Instant stamp = Instant.parse("2025-12-31T23:59:58.123456789Z");
    Instant farFuture = Instant.parse("+65535-12-31T23:59:59.999999999Z"); // an offline stamp of year 65535
    String id = written.remember(BOB, "stored offline", stamp);
    String far = written.remember(BOB, "from a strange server", farFuture);

    assertEquals(farFuture, written.take(far, m -> true).orElseThrow().sentAt());
    assertEquals(stamp, written.take(id, m -> true).orElseThrow().sentAt());
  }

  @Test
  void aBounceThatNamesAnotherContactForgetsNothing() {
    String id = written.remember(BOB, "hi", null);

    assertTrue(written.take(id, m -> m.from().equals(CAROL)).isEmpty());
    assertEquals(1, written.size());
    assertEquals("hi", written.take(id, m -> m.from().equals(BOB)).orElseThrow().text());
  }

  @Test
  void idsThisMemoryDidNotWriteFindNothing() {
    written.remember(BOB, "one", null);
    written.remember(BOB, "two", null);

    for (String stranger : new String[] {null, "", "t-m", "x-m1", "t-m+1", "t-m01", "t-m-1", "t-m1x", "t-m\u0661",
        "t-m99999999999999999999", "t-m3", "tt-m1"}) {
      assertTrue(written.take(stranger, m -> true).isEmpty(), String.valueOf(stranger));
      written.forget(stranger);
    }
    assertEquals(2, written.size(), "nothing forgotten");
    assertEquals("two", written.take("t-m2", m -> true).orElseThrow().text());
  }

  @Test
  void theOldestGoWhenTheUserHasTooManyAndAllAfterTheirLifetime() {
    String first = written.remember(BOB, "1", null);
    written.remember(BOB, "2", null);
    written.remember(BOB, "3", null);
    String fourth = written.remember(BOB, "4", null);

    assertTrue(written.take(first, m -> true).isEmpty(), "the oldest made room");
    assertEquals(3, written.size());

    clock.advance(Duration.ofMinutes(10));
    assertTrue(written.take(fourth, m -> true).isEmpty(), "expired");
    assertEquals(0, written.size());

    String later = written.remember(CAROL, "after a quiet spell", null);
    assertEquals("after a quiet spell", written.take(later, m -> true).orElseThrow().text());
  }

  @Test
  void aForgottenMessageIsNotBouncedAndTheOthersStay() {
    String first = written.remember(BOB, "1", null);
    String second = written.remember(CAROL, "2", null);
    written.forget(second);

    assertEquals(1, written.size());
    assertTrue(written.take(second, m -> true).isEmpty());
    assertEquals(new WrittenMessages.Written(BOB, "1", clock.instant()), written.take(first, m -> true).orElseThrow());
  }

  @Test
  void aBusyUsersMemoryGrowsWrapsAndKeepsTheNewestInOrder() {
    WrittenMessages busy = memory(20);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 57; i++) {
      if (i == 45) {
        assertEquals("44", busy.take(ids.get(44), m -> true).orElseThrow().text(), "taken while the ring wraps");
      }
      ids.add(busy.remember(i % 2 == 0 ? BOB : CAROL, Integer.toString(i), null));
      clock.advance(Duration.ofMillis(1));
    }

    assertEquals(19, busy.size(), "20 places, one of them taken");
    for (int i = 0; i < 57; i++) {
      Optional<WrittenMessages.Written> bounced = busy.take(ids.get(i), m -> true);
      if (i < 37 || i == 44) {
        assertTrue(bounced.isEmpty(), "message " + i);
      } else {
        assertEquals(new WrittenMessages.Written(i % 2 == 0 ? BOB : CAROL, Integer.toString(i),
            Instant.parse("2026-01-01T00:00:00Z").plusMillis(i)), bounced.orElseThrow(), "message " + i);
      }
    }
    assertEquals(0, busy.size());
  }

  /** A clock the test moves. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
