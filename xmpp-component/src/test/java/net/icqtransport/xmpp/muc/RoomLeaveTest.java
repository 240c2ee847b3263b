package net.icqtransport.xmpp.muc;

import static net.icqtransport.xmpp.muc.RoomTesting.ALICE;
import static net.icqtransport.xmpp.muc.RoomTesting.BOB;
import static net.icqtransport.xmpp.muc.RoomTesting.LOUNGE;
import static net.icqtransport.xmpp.muc.RoomTesting.SELF;
import static net.icqtransport.xmpp.muc.RoomTesting.join;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.List;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0045 §7.14 leaving, and what a reconnect or a sign-off does to the user's rooms. */
class RoomLeaveTest {
  private static final String GONE = "<presence type='unavailable' from='#lounge@icq.localhost/100001'"
      + " to='alice@localhost/pc'><x xmlns='http://jabber.org/protocol/muc#user'>"
      + "<item affiliation='none' role='none'/><status code='110'/></x></presence>";

  @Test
  void leavingIsAnsweredWithTheSelfUnavailablePresenceAndTheGatewayLeaves() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<presence type='unavailable' from='alice@localhost/pc' to='#lounge@icq.localhost/Alice'/>");

    assertStanzas(fixture.sender.sent(), GONE);
    verify(fixture.gateway).leaveRoom(ALICE, LOUNGE);
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }

  @Test
  void theGatewayLeavesOnlyWithTheLastResource() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");
    join(fixture, "phone", SELF);
    fixture.sender.clear();

    fixture.receive("<presence type='unavailable' from='alice@localhost/pc' to='#lounge@icq.localhost/Alice'/>");
    verify(fixture.gateway, never()).leaveRoom(any(), any());
    fixture.endpoint.roomMessage(ALICE, LOUNGE, BOB, "still here?");
    fixture.receive("<presence type='unavailable' from='alice@localhost/phone' to='#lounge@icq.localhost/100001'/>");

    verify(fixture.gateway, times(1)).leaveRoom(ALICE, LOUNGE);
    assertStanzas(fixture.sender.sent(), GONE,
        "<message type='groupchat' from='#lounge@icq.localhost/123456' to='alice@localhost/phone'>"
            + "<body>still here?</body></message>",
        GONE.replace("alice@localhost/pc", "alice@localhost/phone"));
  }

  @Test
  void aReconnectShowsAShortStatusThenTheRoomAgain() {
    RouterFixture fixture = RoomTesting.inLounge(SELF);

    fixture.endpoint.roomLeft(ALICE, LOUNGE, "connection reset", true);
    fixture.endpoint.roomJoined(ALICE, LOUNGE, List.of(new LegacyContactId(SELF), BOB));

    assertStanzas(fixture.sender.sent(),
        "<presence type='unavailable' from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<status>The connection to ICQ was lost (connection reset); the transport joins the room again when"
            + " it is back</status><x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='none'/><status code='110'/><status code='332'/></x></presence>",
        "<presence from='#lounge@icq.localhost/123456' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='123456@icq.localhost'/></x></presence>",
        "<presence from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='alice@localhost/pc'/>"
            + "<status code='100'/><status code='110'/></x></presence>",
        "<message type='groupchat' from='#lounge@icq.localhost' to='alice@localhost/pc'><subject/></message>");
    verify(fixture.gateway, times(1)).joinRoom(any(), any());
  }

  @Test
  void leftForGoodTheRoomIsForgotten() {
    RouterFixture fixture = RoomTesting.inLounge(SELF);

    fixture.endpoint.roomLeft(ALICE, LOUNGE, "signed off", false);
    fixture.endpoint.roomMessage(ALICE, LOUNGE, BOB, "anyone?");

    assertStanzas(fixture.sender.sent(),
        "<presence type='unavailable' from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<status>You are no longer in the ICQ chat room: signed off</status>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='none'/>"
            + "<status code='110'/></x></presence>");
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }

  @Test
  void theLastResourceGoingOfflineLeavesEveryRoomAndNothingIsLeft() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<presence type='unavailable' from='alice@localhost/pc' to='icq.localhost'/>");
    fixture.endpoint.roomLeft(ALICE, LOUNGE, "signed off", false); // the bridge's sign-off, after

    verify(fixture.gateway).leaveRoom(ALICE, LOUNGE);
    verify(fixture.gateway).userUnavailable(ALICE, "pc");
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
    assertStanzas(fixture.sender.sent());
  }

  @Test
  void theServerSayingEveryResourceIsGoneEmptiesTheRooms() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");
    join(fixture, "phone", SELF);

    fixture.receive("<presence type='unavailable' from='alice@localhost' to='icq.localhost'/>");

    verify(fixture.gateway, times(1)).leaveRoom(ALICE, LOUNGE);
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }

  @Test
  void theSignOffBeforeTheUnavailablePresenceAlsoLeavesNothing() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.endpoint.roomLeft(ALICE, LOUNGE, "signed off", false);
    fixture.receive("<presence type='unavailable' from='alice@localhost/pc' to='#lounge@icq.localhost/Alice'/>");

    verify(fixture.gateway, never()).leaveRoom(any(), any());
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }
}
