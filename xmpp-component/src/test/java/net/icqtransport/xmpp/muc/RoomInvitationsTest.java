package net.icqtransport.xmpp.muc;

import static net.icqtransport.xmpp.muc.RoomTesting.ALICE;
import static net.icqtransport.xmpp.muc.RoomTesting.BOB;
import static net.icqtransport.xmpp.muc.RoomTesting.LOUNGE;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Invitations: XEP-0249 direct ones from ICQ contacts, XEP-0045 §7.8.2 mediated ones from the user. */
class RoomInvitationsTest {

  @Test
  void anIcqInvitationIsADirectInvitationWithABody() {
    RouterFixture fixture = RoomTesting.fixture();

    fixture.endpoint.roomInvitation(ALICE, BOB, LegacyRoomId.named("Tea Room"), "join us");

    assertStanzas(fixture.sender.sent(), "<message from='123456@icq.localhost' to='alice@localhost'>"
        + "<body>123456 invites you to the ICQ chat room \"Tea Room\": #tea\\20room@icq.localhost (\"join us\")</body>"
        + "<x xmlns='jabber:x:conference' jid='#tea\\20room@icq.localhost' reason='join us'/></message>");
  }

  @Test
  void anInvitationWithoutTextHasNoReason() {
    RouterFixture fixture = RoomTesting.fixture();

    fixture.endpoint.roomInvitation(ALICE, BOB, LOUNGE, " ");

    assertStanzas(fixture.sender.sent(), "<message from='123456@icq.localhost' to='alice@localhost'>"
        + "<body>123456 invites you to the ICQ chat room \"Lounge\": #lounge@icq.localhost</body>"
        + "<x xmlns='jabber:x:conference' jid='#lounge@icq.localhost'/></message>");
  }

  @Test
  void theUserInvitesAContactThroughTheRoom() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<message from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='123456@icq.localhost'>"
        + "<reason>come over</reason></invite></x></message>");

    verify(fixture.gateway).inviteToRoom(ALICE, LOUNGE, BOB, "come over");
    assertStanzas(fixture.sender.sent());
  }

  @Test
  void onlyIcqContactsCanBeInvited() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<message id='i1' from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<x xmlns='http://jabber.org/protocol/muc#user'><invite to='bob@localhost'/></x></message>");

    verify(fixture.gateway, never()).inviteToRoom(any(), any(), any(), any());
    assertStanzas(fixture.sender.sent(), "<message type='error' id='i1' from='#lounge@icq.localhost'"
        + " to='alice@localhost/pc'><error type='modify'><jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Only ICQ contacts can be invited:"
        + " ICQnumber@icq.localhost</text></error></message>");
  }
}
