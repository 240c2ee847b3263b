package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * Blocking a contact (issue #17): an SSI deny item (13/08, type 0x0003) with privacy mode 4 on the server, so the
 * block outlives the session; the blocked contact's messages no longer arrive and it is shown offline.
 */
class IcqBlockingIntegrationTest extends IcqSimulatorTestBase {

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(BOB, ALICE, "Alice", "Friends");
  }

  @Override
  IcqNetworkSettings settings() {
    return super.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
  }

  @Test
  void aBlockedContactIsRefusedByTheServerShownOfflineAndStaysBlockedAfterALogin() throws Exception {
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.ONLINE);

    aliceSession.blockContact(id(BOB)).get(10, TimeUnit.SECONDS);

    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.OFFLINE);
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> bobSession.sendMessage(id(ALICE), "let me in").get(10, TimeUnit.SECONDS));
    assertInstanceOf(MessageRejectedException.class, refused.getCause(), "the server refused it: " + refused);
    assertEquals(Set.of(id(BOB)), aliceSession.blockedContacts().get(10, TimeUnit.SECONDS));
    aliceSession.close();
    alice.awaitClosed();
    assertTrue(alice.drain().stream().noneMatch(Message.class::isInstance), "nothing from Bob reached Alice");

    RecordingListener again = new RecordingListener();
    LegacySession second = open(ALICE, "alice-pw", again);
    again.await(RecordingListener.ContactList.class);
    assertEquals(Set.of(id(BOB)), second.blockedContacts().get(10, TimeUnit.SECONDS), "stored on the server");

    second.unblockContact(id(BOB)).get(10, TimeUnit.SECONDS);
    bobSession.sendMessage(id(ALICE), "friends again").get(10, TimeUnit.SECONDS);
    assertEquals("friends again", again.await(Message.class).text());
    assertEquals(Set.of(), second.blockedContacts().get(10, TimeUnit.SECONDS));
    second.close();
    bobSession.close();
  }
}
