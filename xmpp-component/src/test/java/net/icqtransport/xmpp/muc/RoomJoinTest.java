package net.icqtransport.xmpp.muc;

import static net.icqtransport.xmpp.muc.RoomTesting.ALICE;
import static net.icqtransport.xmpp.muc.RoomTesting.BOB;
import static net.icqtransport.xmpp.muc.RoomTesting.CAROL;
import static net.icqtransport.xmpp.muc.RoomTesting.LOUNGE;
import static net.icqtransport.xmpp.muc.RoomTesting.SELF;
import static net.icqtransport.xmpp.muc.RoomTesting.join;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0045 §7.2: entering an ICQ chat room, and §7.6: nicknames cannot change. */
class RoomJoinTest {

  @Test
  void joiningAsksTheGatewayAndShowsTheOccupantsThenTheSelfPresenceThenTheSubject() {
    RouterFixture fixture = RoomTesting.fixture();

    join(fixture, "pc", "Alice");

    verify(fixture.gateway).joinRoom(ALICE, LegacyRoomId.named("lounge"));
    assertStanzas(fixture.sender.sent()); // nothing until the bridge says the user is in

    fixture.endpoint.roomJoined(ALICE, LOUNGE, List.of(BOB, new LegacyContactId(SELF), CAROL));

    assertStanzas(fixture.sender.sent(),
        "<presence from='#lounge@icq.localhost/123456' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='123456@icq.localhost'/></x></presence>",
        "<presence from='#lounge@icq.localhost/234567' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='234567@icq.localhost'/></x></presence>",
        "<presence from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='alice@localhost/pc'/>"
            + "<status code='100'/><status code='110'/><status code='210'/></x></presence>",
        "<message type='groupchat' from='#lounge@icq.localhost' to='alice@localhost/pc'><subject/></message>");
  }

  /** XEP-0045 §6.3: the transport's items list the rooms the asking user is in, beside the commands node. */
  @Test
  void theTransportsItemsListTheRoomsTheUserIsIn() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");
    fixture.sender.clear();

    fixture.receive("<iq type='get' id='i1' from='alice@localhost/pc' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");
    fixture.receive("<iq type='get' id='i2' from='bob@localhost/pc' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='i1' from='icq.localhost' to='alice@localhost/pc'>"
            + "<query xmlns='http://jabber.org/protocol/disco#items'>"
            + "<item jid='icq.localhost' node='http://jabber.org/protocol/commands' name='Commands'/>"
            + "<item jid='#lounge@icq.localhost' name='Lounge'/></query></iq>",
        "<iq type='result' id='i2' from='icq.localhost' to='bob@localhost/pc'>"
            + "<query xmlns='http://jabber.org/protocol/disco#items'>"
            + "<item jid='icq.localhost' node='http://jabber.org/protocol/commands' name='Commands'/></query></iq>");
  }

  @Test
  void joiningAsTheIcqNumberNeedsNoStatus210AndWorksWithoutTheMucElement() {
    RouterFixture fixture = RoomTesting.fixture();

    fixture.receive("<presence from='alice@localhost/pc' to='#lounge@icq.localhost/100001'/>");
    fixture.endpoint.roomJoined(ALICE, LOUNGE, List.of(new LegacyContactId(SELF)));

    assertStanzas(fixture.sender.sent(),
        "<presence from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='alice@localhost/pc'/>"
            + "<status code='100'/><status code='110'/></x></presence>",
        "<message type='groupchat' from='#lounge@icq.localhost' to='alice@localhost/pc'><subject/></message>");
  }

  @Test
  void aSecondResourceJoinsLocally() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    join(fixture, "phone", "Al");

    verify(fixture.gateway, times(1)).joinRoom(any(), any());
    assertStanzas(fixture.sender.sent(),
        "<presence from='#lounge@icq.localhost/123456' to='alice@localhost/phone'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='123456@icq.localhost'/></x></presence>",
        "<presence from='#lounge@icq.localhost/100001' to='alice@localhost/phone'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='alice@localhost/phone'/>"
            + "<status code='100'/><status code='110'/><status code='210'/></x></presence>",
        "<message type='groupchat' from='#lounge@icq.localhost' to='alice@localhost/phone'><subject/></message>");
    assertEquals(List.of("pc", "phone"), fixture.user("alice@localhost").room(LOUNGE).orElseThrow().resources());
  }

  @Test
  void aResourceJoiningWhileTheFirstJoinIsUnderWayWaitsForIt() {
    RouterFixture fixture = RoomTesting.fixture();
    when(fixture.gateway.joinRoom(any(), any())).thenReturn(new CompletableFuture<>());
    join(fixture, "pc", "100001");
    join(fixture, "phone", "100001");

    fixture.endpoint.roomJoined(ALICE, LOUNGE, List.of(new LegacyContactId(SELF)));

    verify(fixture.gateway, times(1)).joinRoom(any(), any());
    assertEquals(4, fixture.sender.sent().size()); // self-presence and subject, to each resource
  }

  @Test
  void theOccupantsComeAndGo() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.endpoint.roomOccupantJoined(ALICE, LOUNGE, CAROL);
    fixture.endpoint.roomOccupantJoined(ALICE, LOUNGE, CAROL); // reported twice: shown once
    fixture.endpoint.roomOccupantLeft(ALICE, LOUNGE, BOB);

    assertStanzas(fixture.sender.sent(),
        "<presence from='#lounge@icq.localhost/234567' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='participant' jid='234567@icq.localhost'/></x></presence>",
        "<presence type='unavailable' from='#lounge@icq.localhost/123456' to='alice@localhost/pc'>"
            + "<x xmlns='http://jabber.org/protocol/muc#user'>"
            + "<item affiliation='none' role='none' jid='123456@icq.localhost'/></x></presence>");
  }

  @Test
  void aPresenceWithTheSameNicknameIsAStatusChangeAnsweredWithTheSelfPresence() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<presence from='alice@localhost/pc' to='#lounge@icq.localhost/Alice'><show>away</show></presence>");
    fixture.receive("<presence from='alice@localhost/pc' to='#lounge@icq.localhost/100001'><show>away</show></presence>");

    String self = "<presence from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
        + "<x xmlns='http://jabber.org/protocol/muc#user'>"
        + "<item affiliation='none' role='participant' jid='alice@localhost/pc'/><status code='110'/></x></presence>";
    assertStanzas(fixture.sender.sent(), self, self);
    verify(fixture.gateway, times(1)).joinRoom(any(), any());
  }

  @Test
  void aNicknameChangeIsRefused() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<presence from='alice@localhost/pc' to='#lounge@icq.localhost/Bobby'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='error' from='#lounge@icq.localhost/Bobby' to='alice@localhost/pc'>"
            + "<error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ chat rooms cannot change nicknames: in an ICQ"
            + " room you are your ICQ number, 100001</text></error></presence>");
  }

  @Test
  void joiningWithoutANicknameIsRefused() {
    RouterFixture fixture = RoomTesting.fixture();

    fixture.receive("<presence from='alice@localhost/pc' to='#lounge@icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='error' from='#lounge@icq.localhost' to='alice@localhost/pc'>"
            + "<error type='modify'><jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Join the room with a nickname:"
            + " #lounge@icq.localhost/yournick</text></error></presence>");
    verify(fixture.gateway, never()).joinRoom(any(), any());
  }

  @Test
  void anUnregisteredUserIsToldToRegister() {
    RouterFixture fixture = RoomTesting.fixture();
    fixture.unregistered("alice@localhost");

    join(fixture, "pc", "Alice");

    assertStanzas(fixture.sender.sent(),
        "<presence type='error' from='#lounge@icq.localhost/Alice' to='alice@localhost/pc'>"
            + "<error type='auth'><registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with icq.localhost (your ICQ number and"
            + " password) first</text></error></presence>");
    verify(fixture.gateway, never()).joinRoom(any(), any());
  }

  @Test
  void aUserNotSignedOnGetsAnErrorAndNothingIsKept() {
    RouterFixture fixture = RoomTesting.fixture();
    when(fixture.gateway.joinRoom(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    join(fixture, "pc", "Alice");

    assertStanzas(fixture.sender.sent(),
        "<presence type='error' from='#lounge@icq.localhost/Alice' to='alice@localhost/pc'>"
            + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not signed on to ICQ: go online with the"
            + " transport, then join the room again</text></error></presence>");
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }

  @Test
  void aRoomIcqRefusesIsNotFound() {
    RouterFixture fixture = RoomTesting.fixture();
    when(fixture.gateway.joinRoom(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("room full")));

    join(fixture, "pc", "Alice");

    assertStanzas(fixture.sender.sent(),
        "<presence type='error' from='#lounge@icq.localhost/Alice' to='alice@localhost/pc'>"
            + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ did not let you into the chat room \"lounge\":"
            + " room full</text></error></presence>");
    assertTrue(fixture.user("alice@localhost").rooms().isEmpty());
  }

  @Test
  void roomNamesCompareCaseInsensitively() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<presence from='alice@localhost/phone' to='#LOUNGE@icq.localhost/Alice'/>");

    verify(fixture.gateway, times(1)).joinRoom(any(), any());
    assertEquals(2, fixture.user("alice@localhost").room(LegacyRoomId.named("LoUnGe")).orElseThrow()
        .resources().size());
  }
}
