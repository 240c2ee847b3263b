package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.testing.Shown;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** XEP-0085 chat states to ICQ, XEP-0184 receipts once ICQ took a message, registration-required for strangers. */
class ChatStatesAndReceiptsTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final RouterFixture fixture = new RouterFixture();

  @ParameterizedTest
  @CsvSource({"composing, TYPING", "paused, PAUSED", "active, STOPPED", "inactive, STOPPED", "gone, STOPPED"})
  void aBodylessChatStateBecomesATypingNotification(String state, TypingState expected) {
    fixture.receive("<message type='chat' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<" + state + " xmlns='http://jabber.org/protocol/chatstates'/></message>");

    verify(fixture.gateway).sendTyping(ALICE, BOB, expected);
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertTrue(fixture.sender.sent().isEmpty(), "never bounced");
  }

  @Test
  void aReceiptIsSentOnlyOnceIcqTookTheMessage() {
    fixture.user(ALICE).showContact(BOB, Shown.available()); // Bob is shown online
    CompletableFuture<Void> icqAck = new CompletableFuture<>();
    when(fixture.gateway.sendMessage(ALICE, BOB, "hi")).thenReturn(icqAck);

    fixture.receive("""
        <message type='chat' id='m1' from='alice@localhost/pc' to='123456@icq.localhost'>
          <body>hi</body><active xmlns='http://jabber.org/protocol/chatstates'/><request xmlns='urn:xmpp:receipts'/>
        </message>""");
    assertTrue(fixture.sender.sent().isEmpty(), "no receipt before ICQ's server acknowledged it");

    icqAck.complete(null);

    assertStanzas(fixture.sender.sent(), """
        <message type='chat' from='123456@icq.localhost' to='alice@localhost/pc'>
          <received xmlns='urn:xmpp:receipts' id='m1'/>
        </message>""");
    verify(fixture.gateway, never()).sendTyping(any(), any(), any());
  }

  /**
   * A message to a contact shown offline is only stored by the ICQ server (ICBM TLV 0x0006), to be delivered when
   * the contact signs on: the server's ack is no delivery, so no receipt says "delivered".
   */
  @Test
  void aMessageToAContactShownOfflineGetsNoReceiptThoughTheServerKeptIt() {
    when(fixture.gateway.sendMessage(ALICE, BOB, "later")).thenReturn(CompletableFuture.completedFuture(null));

    fixture.receive("""
        <message type='chat' id='m9' from='alice@localhost/pc' to='123456@icq.localhost'>
          <body>later</body><request xmlns='urn:xmpp:receipts'/>
        </message>""");

    verify(fixture.gateway).sendMessage(ALICE, BOB, "later");
    assertTrue(fixture.sender.sent().isEmpty(), "no receipt, no bounce: " + fixture.sender.allXml());
  }

  @Test
  void aRejectedMessageBouncesAndGetsNoReceipt() {
    when(fixture.gateway.sendMessage(ALICE, BOB, "hi")).thenReturn(CompletableFuture.failedFuture(
        new MessageRejectedException(MessageRejectedException.Reason.RECIPIENT_UNAVAILABLE, null)));

    fixture.receive("<message type='chat' id='m2' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<body>hi</body><request xmlns='urn:xmpp:receipts'/></message>");

    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m2' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>hi</body>
          <error type='wait'>
            <recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The ICQ contact cannot receive messages now</text>
          </error>
        </message>""");
  }

  @Test
  void aMessageFromAnUnregisteredUserIsRegistrationRequired() {
    fixture.unregistered("alice@localhost");

    fixture.receive("<message type='chat' id='m3' from='alice@localhost/pc' to='123456@icq.localhost'><body>hi</body></message>");
    fixture.receive("<message type='chat' id='m4' from='alice@localhost/pc' to='icq.localhost'><body>help</body></message>");

    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m3' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>hi</body>
          <error type='auth'>
            <registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with icq.localhost (your ICQ number and password) first</text>
          </error>
        </message>""", """
        <message type='chat' xml:lang='en' from='icq.localhost' to='alice@localhost/pc'>
          <body>Commands of the ICQ transport (send them to icq.localhost):
        help - this list
        register - how to register with your ICQ number and password</body>
        </message>""");
  }

  @Test
  void anIqToAContactFromAnUnregisteredUserIsRegistrationRequired() {
    fixture.unregistered("alice@localhost");

    fixture.receive("<iq type='get' id='v1' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='v1' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='auth'>
            <registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with icq.localhost first</text>
          </error>
        </iq>""");
  }
}
