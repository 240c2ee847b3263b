package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.oscar.icq.RecordingListener.AuthAnswered;
import net.icqtransport.oscar.icq.RecordingListener.AuthRequested;
import net.icqtransport.oscar.icq.RecordingListener.ContactList;
import net.icqtransport.oscar.icq.RecordingListener.Offline;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.icq.RecordingListener.Typing;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * Contact-list edits, authorization, typing, status texts and offline messages of the ICQ adapter against the
 * OSCAR server simulator over TCP. Some need the simulator's support for these SNACs (13/08-0A, 13/18, 13/1A,
 * 04/0B relay); see docs/oscar.md.
 */
class IcqMessagingIntegrationTest extends IcqSimulatorTestBase {

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .account(CAROL, "carol-pw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(BOB, ALICE, "Alice", "Friends");
  }

  @Override
  IcqNetworkSettings settings() {
    return super.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
  }

  @Test
  void typingNoticesReachTheOtherSide() throws Exception {
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.ONLINE);

    aliceSession.sendTyping(id(BOB), TypingState.TYPING);
    assertEquals(new Typing(id(ALICE), TypingState.TYPING), bob.await(Typing.class));
    bobSession.sendTyping(id(ALICE), TypingState.PAUSED);
    assertEquals(new Typing(id(BOB), TypingState.PAUSED), alice.await(Typing.class));
    aliceSession.sendTyping(id(BOB), TypingState.STOPPED);
    assertEquals(TypingState.STOPPED, bob.await(Typing.class).state());
    aliceSession.close();
    bobSession.close();
    alice.assertContractKept();
    bob.assertContractKept();
  }

  @Test
  void noStoredMessagesMeansNoEvent() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(ALICE, "alice-pw", alice);
    session.sendMessage(id(BOB), "nobody home").exceptionally(e -> null).get(10, TimeUnit.SECONDS);
    session.close();
    alice.awaitClosed();
    assertTrue(alice.drain().stream().noneMatch(Offline.class::isInstance));
  }

  /** Needs the simulator to store and answer SSI edits (13/11, 13/08, 13/09, 13/0A, 13/12 → 13/0E). */
  @Test
  void contactListEditsAreStoredOnTheServer() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(ALICE, "alice-pw", alice);
    ContactAddResult result = session.addContact(new LegacyContact(id(CAROL), "Carol", "Work"), "hi")
        .get(10, TimeUnit.SECONDS);
    assertTrue(result == ContactAddResult.ADDED || result == ContactAddResult.AUTHORIZATION_REQUESTED);
    session.updateContact(new LegacyContact(id(CAROL), "Caroline", "Work")).get(10, TimeUnit.SECONDS);
    session.close();
    alice.awaitClosed();

    RecordingListener again = new RecordingListener();
    LegacySession second = open(ALICE, "alice-pw", again);
    List<LegacyContact> contacts = again.await(ContactList.class).contacts();
    assertTrue(contacts.stream().anyMatch(c -> c.id().equals(id(CAROL)) && c.nickname().equals("Caroline")
        && "Work".equals(c.group())), contacts.toString());

    second.removeContact(id(CAROL)).get(10, TimeUnit.SECONDS);
    second.removeContact(id(BOB)).get(10, TimeUnit.SECONDS);
    second.close();
    again.awaitClosed();
    RecordingListener third = new RecordingListener();
    LegacySession last = open(ALICE, "alice-pw", third);
    assertEquals(List.of(), third.await(ContactList.class).contacts());
    last.close();
  }

  /** Needs the simulator to relay 13/18 → 13/19 and 13/1A → 13/1B. */
  @Test
  void authorizationRequestsAndAnswersTravelBothWays() throws Exception {
    RecordingListener alice = new RecordingListener();
    RecordingListener carol = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession carolSession = open(CAROL, "carol-pw", carol);

    aliceSession.requestAuthorization(id(CAROL), "Привет, it's Alice").get(10, TimeUnit.SECONDS);
    assertEquals(new AuthRequested(id(ALICE), "Привет, it's Alice"), carol.await(AuthRequested.class));
    carolSession.answerAuthorization(id(ALICE), true, "sure").get(10, TimeUnit.SECONDS);
    assertEquals(new AuthAnswered(id(CAROL), true, "sure"), alice.await(AuthAnswered.class));
    aliceSession.close();
    carolSession.close();
    alice.assertContractKept();
    carol.assertContractKept();
  }

  /** Needs the simulator to relay channel-2 ICBMs and the 04/0B that answers them. */
  @Test
  void statusTextIsAnsweredAndFetched() throws Exception {
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    bobSession.setStatus(LegacyStatus.AWAY, "lunch, back at 2");
    alice.await(Status.class, s -> s.contact().equals(id(BOB)) && s.status() == LegacyStatus.AWAY);

    Optional<String> text = aliceSession.fetchStatusMessage(id(BOB)).get(10, TimeUnit.SECONDS);
    assertEquals(Optional.of("lunch, back at 2"), text);
    aliceSession.close();
    bobSession.close();
  }
}
