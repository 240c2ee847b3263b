package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import org.junit.jupiter.api.Test;

/** The fetched away message joins the presence as it came: avatar and idle time stay (issue #16). */
class ContactAwayMessagesTest {
  private static final LegacyContactId MARY = new LegacyContactId("maryann");
  private static final AvatarId AVATAR = new AvatarId("0123456789abcdef0123456789abcdef");
  private static final Instant IDLE = Instant.parse("2024-05-01T12:00:00Z");

  private final ContactAwayMessages away = new ContactAwayMessages();

  @Test
  void theTextIsAddedToThePresenceWithItsIdleTimeAndAvatar() {
    AtomicInteger fetches = new AtomicInteger();
    LegacyPresence idleAway = new LegacyPresence(LegacyStatus.AWAY, null, AVATAR, IDLE);

    assertEquals(idleAway, away.presenceToReport(MARY, idleAway, fetches::incrementAndGet));
    assertEquals(new LegacyPresence(LegacyStatus.AWAY, "lunch", AVATAR, IDLE),
        away.arrived(MARY, LegacyStatus.AWAY, "lunch").orElseThrow());

    // Still away, idle for longer now: the text fetched before goes with the new idle time, without asking again.
    Instant later = IDLE.minusSeconds(600);
    assertEquals(new LegacyPresence(LegacyStatus.AWAY, "lunch", AVATAR, later),
        away.presenceToReport(MARY, new LegacyPresence(LegacyStatus.AWAY, null, AVATAR, later), fetches::incrementAndGet));
    assertEquals(1, fetches.get());
  }

  @Test
  void theThreeArgumentPresenceHasNoIdleTime() {
    assertEquals(null, new LegacyPresence(LegacyStatus.ONLINE, null, null).idleSince());
    assertEquals(new LegacyPresence(LegacyStatus.AWAY, "x", null, null),
        new LegacyPresence(LegacyStatus.AWAY, null, null).withStatusText("x"));
  }
}
