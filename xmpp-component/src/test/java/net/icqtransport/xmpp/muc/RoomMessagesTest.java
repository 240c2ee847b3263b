package net.icqtransport.xmpp.muc;

import static net.icqtransport.xmpp.muc.RoomTesting.ALICE;
import static net.icqtransport.xmpp.muc.RoomTesting.BOB;
import static net.icqtransport.xmpp.muc.RoomTesting.LOUNGE;
import static net.icqtransport.xmpp.muc.RoomTesting.SELF;
import static net.icqtransport.xmpp.muc.RoomTesting.join;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0045 §7.4 messages to all occupants, §7.5 private messages, §8.1 subject. */
class RoomMessagesTest {

  @Test
  void aGroupchatMessageGoesToTheRoomAndItsReflectionKeepsItsId() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");
    join(fixture, "phone", SELF);
    fixture.sender.clear();

    fixture.receive("<message type='groupchat' id='g1' from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<body>hello all</body></message>");
    verify(fixture.gateway).sendRoomMessage(ALICE, LOUNGE, "hello all");
    fixture.endpoint.roomMessage(ALICE, LOUNGE, new LegacyContactId(SELF), "hello all");

    assertStanzas(fixture.sender.sent(),
        "<message type='groupchat' id='g1' from='#lounge@icq.localhost/100001' to='alice@localhost/pc'>"
            + "<body>hello all</body></message>",
        "<message type='groupchat' id='g1' from='#lounge@icq.localhost/100001' to='alice@localhost/phone'>"
            + "<body>hello all</body></message>");
  }

  @Test
  void anOccupantsMessageComesFromItsOccupantJid() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.endpoint.roomMessage(ALICE, LOUNGE, BOB, "hi <alice>");

    assertStanzas(fixture.sender.sent(),
        "<message type='groupchat' from='#lounge@icq.localhost/123456' to='alice@localhost/pc'>"
            + "<body>hi &lt;alice&gt;</body></message>");
  }

  @Test
  void aFailureBouncesTheMessage() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");
    when(fixture.gateway.sendRoomMessage(any(), any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    fixture.receive("<message type='groupchat' id='g2' from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<body>hello</body></message>");

    assertStanzas(fixture.sender.sent(),
        "<message type='error' id='g2' from='#lounge@icq.localhost' to='alice@localhost/pc'><body>hello</body>"
            + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not logged in to ICQ: register with the"
            + " transport and go online</text></error></message>");
  }

  @Test
  void aResourceNotInTheRoomCannotTalkThere() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<message type='groupchat' id='g3' from='alice@localhost/phone' to='#lounge@icq.localhost'>"
        + "<body>hello</body></message>");

    assertStanzas(fixture.sender.sent(),
        "<message type='error' id='g3' from='#lounge@icq.localhost' to='alice@localhost/phone'><body>hello</body>"
            + "<error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not in the ICQ chat room \"lounge\": join"
            + " it first</text></error></message>");
    verify(fixture.gateway, never()).sendRoomMessage(any(), any(), any());
  }

  @Test
  void privateMessagesAreRefusedWithTheContactsAddress() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<message type='chat' id='p1' from='alice@localhost/pc' to='#lounge@icq.localhost/123456'>"
        + "<body>psst</body></message>");

    assertStanzas(fixture.sender.sent(),
        "<message type='error' id='p1' from='#lounge@icq.localhost/123456' to='alice@localhost/pc'><body>psst</body>"
            + "<error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ chat rooms have no private messages: write to"
            + " 123456@icq.localhost instead</text></error></message>");
  }

  @Test
  void theSubjectCannotBeChangedAndChatStatesAreDropped() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<message type='groupchat' id='s1' from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<subject>news</subject></message>");
    fixture.receive("<message type='groupchat' from='alice@localhost/pc' to='#lounge@icq.localhost'>"
        + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");

    assertStanzas(fixture.sender.sent(),
        "<message type='error' id='s1' from='#lounge@icq.localhost' to='alice@localhost/pc'>"
            + "<error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ chat rooms have no subject</text></error>"
            + "</message>");
    verify(fixture.gateway, never()).sendRoomMessage(any(), any(), any());
  }
}
