package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyRoom;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.oscar.icq.RecordingRoomListener.Closed;
import net.icqtransport.oscar.icq.RecordingRoomListener.Event;
import net.icqtransport.oscar.icq.RecordingRoomListener.Joined;
import net.icqtransport.oscar.icq.RecordingRoomListener.Left;
import net.icqtransport.oscar.icq.RecordingRoomListener.Present;
import net.icqtransport.oscar.icq.RecordingRoomListener.Said;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * Chat rooms (issue #18) of the ICQ adapter against the OSCAR simulator over TCP: chat navigation and the room
 * connections reached through 01/04 → 01/05, occupants joining and leaving, messages with their reflection,
 * invitations as channel-2 rendezvous, and rooms closing with their session. Two UINs and an AIM screen name.
 */
class IcqChatRoomsIntegrationTest extends IcqSimulatorTestBase {
  private static final String MARY = "Mary Ann";
  private static final LegacyContactId A = id(ALICE);
  private static final LegacyContactId B = id(BOB);
  private static final LegacyContactId M = new LegacyContactId("maryann");

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .account(MARY, "mary-pw")
        .contact(ALICE, BOB, "Bob", "Friends");
  }

  @Override
  IcqNetworkSettings settings() {
    return super.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
  }

  @Test
  void threeClientsMeetTalkLeaveInviteAndCloseInOneRoom() throws Exception {
    Invitations alice = new Invitations();
    Invitations bob = new Invitations();
    Invitations mary = new Invitations();
    LegacySession aliceSession = login(ALICE, "alice-pw", alice);
    LegacySession bobSession = login(BOB, "bob-pw", bob);
    LegacySession marySession = login(MARY, "mary-pw", mary);

    // Joins, in order; the name is compared without case and keeps Alice's spelling.
    RecordingRoomListener aliceRoom = new RecordingRoomListener();
    LegacyRoom aliceIn = aliceSession.joinRoom(LegacyRoomId.named("Lobby"), aliceRoom).get(10, TimeUnit.SECONDS);
    assertEquals(new Present(List.of(A)), aliceRoom.await(Present.class));
    assertEquals(LegacyRoomId.named("Lobby"), aliceIn.id());

    RecordingRoomListener bobRoom = new RecordingRoomListener();
    LegacyRoom bobIn = bobSession.joinRoom(LegacyRoomId.named("lobby"), bobRoom).get(10, TimeUnit.SECONDS);
    assertEquals(new Present(List.of(A, B)), bobRoom.await(Present.class));
    assertEquals(new Joined(B), aliceRoom.await(Joined.class));

    RecordingRoomListener maryRoom = new RecordingRoomListener();
    LegacyRoom maryIn = marySession.joinRoom(LegacyRoomId.named("LOBBY"), maryRoom).get(10, TimeUnit.SECONDS);
    assertEquals(new Present(List.of(A, B, M)), maryRoom.await(Present.class));
    assertEquals(new Joined(M), aliceRoom.await(Joined.class));
    assertEquals(new Joined(M), bobRoom.await(Joined.class));
    assertEquals(List.of(ALICE, BOB, MARY), icq.chatOccupants("lobby"));

    // Messages in order, non-ASCII and HTML-special text intact, each sender's own reflected back to it.
    List<String> fromAlice = List.of("Привет всем!", "a <b>bold</b> & \"quoted\" claim", "two\nlines");
    for (String text : fromAlice) {
      aliceIn.sendMessage(text).get(10, TimeUnit.SECONDS);
    }
    for (RecordingRoomListener room : List.of(aliceRoom, bobRoom, maryRoom)) {
      assertEquals(fromAlice.stream().map(text -> (Event) new Said(A, text)).toList(), room.next(3));
    }
    bobIn.sendMessage("Grüße aus Köln 😀").get(10, TimeUnit.SECONDS);
    for (RecordingRoomListener room : List.of(aliceRoom, bobRoom, maryRoom)) {
      assertEquals(List.of(new Said(B, "Grüße aus Köln 😀")), room.next(1));
    }
    maryIn.sendMessage("hi from AIM, 5 > 3").get(10, TimeUnit.SECONDS);
    for (RecordingRoomListener room : List.of(aliceRoom, bobRoom, maryRoom)) {
      assertEquals(List.of(new Said(M, "hi from AIM, 5 > 3")), room.next(1));
    }

    // Mary leaves: the others see her go, her room closes.
    maryIn.leave();
    assertEquals(new Closed("left the room"), maryRoom.await(Closed.class));
    assertEquals(new Left(M), aliceRoom.await(Left.class));
    assertEquals(new Left(M), bobRoom.await(Left.class));
    awaitTrue(() -> icq.chatOccupants("Lobby").equals(List.of(ALICE, BOB)));
    assertThrows(ExecutionException.class, () -> maryIn.sendMessage("still there?").get(10, TimeUnit.SECONDS));

    // Alice invites Mary back: the invitation names the room as the server spells it.
    aliceSession.inviteToRoom(LegacyRoomId.named("Lobby"), M, "Komm zurück ☺").get(10, TimeUnit.SECONDS);
    Invitation invitation = mary.invitations.poll(10, TimeUnit.SECONDS);
    assertEquals(new Invitation(A, LegacyRoomId.named("Lobby"), "Komm zurück ☺"), invitation);
    assertEquals("Lobby", invitation.room().name());
    RecordingRoomListener maryAgain = new RecordingRoomListener();
    LegacyRoom maryBack = marySession.joinRoom(invitation.room(), maryAgain).get(10, TimeUnit.SECONDS);
    assertNotSame(maryIn, maryBack);
    assertEquals(new Present(List.of(A, B, M)), maryAgain.await(Present.class));
    assertEquals(new Joined(M), aliceRoom.await(Joined.class));
    assertEquals(new Joined(M), bobRoom.await(Joined.class));

    // Bob's session ends: his room ends with it (the session's end says so, no roomClosed), the others see him leave.
    bobSession.close();
    assertEquals(DisconnectReason.CLOSED_BY_CLIENT, bob.closed.poll(10, TimeUnit.SECONDS));
    assertEquals(new Left(B), aliceRoom.await(Left.class));
    assertEquals(new Left(B), maryAgain.await(Left.class));
    awaitTrue(() -> icq.chatOccupants("lobby").equals(List.of(ALICE, MARY)));

    aliceSession.close();
    marySession.close();
    awaitTrue(() -> icq.chatOccupants("lobby").isEmpty());
    for (RecordingRoomListener room : List.of(aliceRoom, bobRoom, maryRoom, maryAgain)) {
      room.assertContractKept();
      // Mary's room may still see Alice leave before Mary's own session ends; nothing else, and no roomClosed.
      assertTrue(room.drain().stream().allMatch(event -> event.equals(new Left(A))), room.toString());
    }
    assertTrue(alice.invitations.isEmpty() && bob.invitations.isEmpty());
  }

  @Test
  void roomsAreSeparateAndOneSessionMayBeInSeveral() throws Exception {
    Invitations alice = new Invitations();
    Invitations bob = new Invitations();
    LegacySession aliceSession = login(ALICE, "alice-pw", alice);
    LegacySession bobSession = login(BOB, "bob-pw", bob);

    RecordingRoomListener aliceRed = new RecordingRoomListener();
    RecordingRoomListener aliceBlue = new RecordingRoomListener();
    RecordingRoomListener bobBlue = new RecordingRoomListener();
    LegacyRoom red = aliceSession.joinRoom(LegacyRoomId.named("Red"), aliceRed).get(10, TimeUnit.SECONDS);
    LegacyRoom blue = aliceSession.joinRoom(LegacyRoomId.named("Blue"), aliceBlue).get(10, TimeUnit.SECONDS);
    bobSession.joinRoom(LegacyRoomId.named("blue"), bobBlue).get(10, TimeUnit.SECONDS);
    assertEquals(new Joined(B), aliceBlue.await(Joined.class));

    red.sendMessage("only red").get(10, TimeUnit.SECONDS);
    blue.sendMessage("only blue").get(10, TimeUnit.SECONDS);
    assertEquals(new Said(A, "only red"), aliceRed.await(Said.class));
    assertEquals(new Said(A, "only blue"), aliceBlue.await(Said.class));
    assertEquals(new Said(A, "only blue"), bobBlue.await(Said.class));
    assertEquals(List.of(ALICE), icq.chatOccupants("red"));
    assertEquals(List.of(ALICE, BOB), icq.chatOccupants("blue"));

    ExecutionException twice = assertThrows(ExecutionException.class,
        () -> aliceSession.joinRoom(LegacyRoomId.named("RED"), new RecordingRoomListener()).get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, twice.getCause());

    red.leave();
    aliceRed.await(Closed.class);
    awaitTrue(() -> icq.chatOccupants("red").isEmpty());
    blue.sendMessage("still blue").get(10, TimeUnit.SECONDS);
    assertEquals(new Said(A, "still blue"), bobBlue.await(Said.class));
    assertTrue(aliceRed.drain().isEmpty());

    aliceSession.close();
    bobSession.close();
    awaitTrue(() -> icq.chatOccupants("blue").isEmpty());
    assertTrue(aliceBlue.drain().stream().noneMatch(Closed.class::isInstance), "no roomClosed at the session's end");
    for (RecordingRoomListener room : List.of(aliceRed, aliceBlue, bobBlue)) {
      room.assertContractKept();
    }
  }

  @Test
  void publicRoomsExistOnlyWhenTheOperatorMadeThem() throws Exception {
    icq.addPublicChatRoom("News");
    LegacySession session = login(ALICE, "alice-pw", new Invitations());
    ExecutionException unknown = assertThrows(ExecutionException.class, () -> session.joinRoom(
        new LegacyRoomId(5, "Gossip"), new RecordingRoomListener()).get(10, TimeUnit.SECONDS));
    assertInstanceOf(NoSuchElementException.class, unknown.getCause());

    RecordingRoomListener news = new RecordingRoomListener();
    session.joinRoom(new LegacyRoomId(5, "news"), news).get(10, TimeUnit.SECONDS);
    assertEquals(new Present(List.of(A)), news.await(Present.class));
    assertEquals(List.of(ALICE), icq.chatOccupants(5, "NEWS"));
    session.close();
    awaitTrue(() -> icq.chatOccupants(5, "news").isEmpty());
    news.assertContractKept();
  }

  @Test
  void invitationsNeedTheRoomAndAnOnlineContact() throws Exception {
    LegacySession session = login(ALICE, "alice-pw", new Invitations());
    ExecutionException notIn = assertThrows(ExecutionException.class, () -> session.inviteToRoom(
        LegacyRoomId.named("Nowhere"), B, "come").get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, notIn.getCause());

    RecordingRoomListener room = new RecordingRoomListener();
    session.joinRoom(LegacyRoomId.named("Quiet"), room).get(10, TimeUnit.SECONDS);
    ExecutionException offline = assertThrows(ExecutionException.class, () -> session.inviteToRoom(
        LegacyRoomId.named("Quiet"), B, "come").get(10, TimeUnit.SECONDS));
    assertEquals(MessageRejectedException.Reason.RECIPIENT_UNAVAILABLE,
        assertInstanceOf(MessageRejectedException.class, offline.getCause()).reason());
    session.close();
    awaitTrue(() -> icq.chatOccupants("quiet").isEmpty());
    room.assertContractKept();
  }

  private LegacySession login(String name, String password, LegacyListener listener) throws Exception {
    IcqNetwork network = new IcqNetwork(settings(), group);
    LegacySession session = network.open(
        new net.icqtransport.core.legacy.LegacyCredentials(network.parseContactId(name), password), listener)
        .get(10, TimeUnit.SECONDS);
    awaitTrue(() -> icq.isOnline(name));
    return session;
  }

  record Invitation(LegacyContactId from, LegacyRoomId room, String text) {}

  /** A session listener that keeps invitations and the session's end; the rest is not looked at here. */
  static final class Invitations implements LegacyListener {
    final BlockingQueue<Invitation> invitations = new LinkedBlockingQueue<>();
    final BlockingQueue<DisconnectReason> closed = new LinkedBlockingQueue<>();

    @Override
    public void roomInvitation(LegacyContactId from, LegacyRoomId room, String text) {
      invitations.add(new Invitation(from, room, text));
    }

    @Override
    public void contactListReceived(List<LegacyContact> contacts) {}

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {}

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {}

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {
      closed.add(reason);
    }
  }
}
