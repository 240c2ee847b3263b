package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages from users to ICQ contacts (XEP-0100 §5.5) and their error bounces (RFC 6120 §8.3). */
class MessageHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void chatMessageGoesToTheGateway() {
    when(fixture.gateway.sendMessage(ALICE, BOB, "hi Bob")).thenReturn(CompletableFuture.completedFuture(null));

    fixture.receive("""
        <message type='chat' id='m1' from='alice@localhost/pc' to='123456@icq.localhost'>
          <body>hi Bob</body><active xmlns='http://jabber.org/protocol/chatstates'/>
        </message>""");

    verify(fixture.gateway).sendMessage(ALICE, BOB, "hi Bob");
    assertTrue(fixture.sender.sent().isEmpty());
  }

  @ParameterizedTest
  @CsvSource({
    "RECIPIENT_UNAVAILABLE, wait,   recipient-unavailable,   The ICQ contact cannot receive messages now (offline)",
    "RATE_LIMITED,          wait,   resource-constraint,     Too many messages: ICQ asks to slow down; send it again later (offline)",
    "NOT_CONNECTED,         cancel, service-unavailable,     'You are not logged in to ICQ: register with the transport and go online, then send it again (offline)'",
    "TOO_LONG,              modify, not-acceptable,          The message is too long for ICQ (offline)",
    "NOT_ALLOWED,           auth,   forbidden,               ICQ does not allow this message (offline)",
    "OTHER,                 cancel, undefined-condition,     ICQ did not take the message (offline)",
  })
  void rejectedMessageBouncesWithItsBody(Reason reason, String type, String condition, String text) {
    when(fixture.gateway.sendMessage(ALICE, BOB, "hi Bob"))
        .thenReturn(CompletableFuture.failedFuture(new MessageRejectedException(reason, "offline")));

    fixture.receive("""
        <message type='chat' id='m2' from='alice@localhost/pc' to='123456@icq.localhost'>
          <body>hi Bob</body><thread>t1</thread>
        </message>""");

    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m2' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>hi Bob</body>
          <thread>t1</thread>
          <error type='%s'>
            <%s xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>%s</text>
          </error>
        </message>""".formatted(type, condition, text));
  }

  @Test
  void unexpectedFailureBouncesAsInternalServerError() {
    when(fixture.gateway.sendMessage(ALICE, BOB, "hi"))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("boom")));

    fixture.receive("<message id='m3' from='alice@localhost/pc' to='123456@icq.localhost'><body>hi</body></message>");

    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m3' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>hi</body>
          <error type='wait'>
            <internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The transport could not deliver the message</text>
          </error>
        </message>""");
  }

  /** The session logged in with the registration: chat needs no store read (docs/reliability.md). */
  @Test
  void aUserWithASessionChatsWhileTheRegistrationStoreIsUnreachable() {
    when(fixture.gateway.registration(ALICE)).thenThrow(storeDown());
    when(fixture.gateway.hasSession(ALICE)).thenReturn(true);
    when(fixture.gateway.sendMessage(ALICE, BOB, "still here")).thenReturn(CompletableFuture.completedFuture(null));

    fixture.receive("<message type='chat' id='m8' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<body>still here</body></message>");

    verify(fixture.gateway).sendMessage(ALICE, BOB, "still here");
    assertTrue(fixture.sender.sent().isEmpty(), fixture.sender.allXml());
  }

  /** Without a session the store must answer; when it cannot, the message comes back saying why (RFC 6120 §8.3.2 wait). */
  @Test
  void withoutASessionAMessageWhileTheRegistrationStoreIsUnreachableBouncesSayingSo() {
    when(fixture.gateway.registration(ALICE)).thenThrow(storeDown());

    fixture.receive("<message type='chat' id='m9' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<body>anyone?</body></message>");

    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m9' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>anyone?</body>
          <error type='wait'>
            <internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The transport's registration store is unavailable; nothing was changed, try again later</text>
          </error>
        </message>""");
  }

  private static StoreException storeDown() {
    return new StoreException("cannot read the registration", new java.sql.SQLException("Connection refused"));
  }

  @Test
  void messageToAJidThatIsNoUinBouncesAsJidMalformed() {
    fixture.receive("<message type='chat' id='m4' from='alice@localhost/pc' to='bob@icq.localhost'><body>hi</body></message>");

    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m4' from='bob@icq.localhost' to='alice@localhost/pc'>
          <body>hi</body>
          <error type='modify'>
            <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'bob' is not an ICQ number or AIM screen name</text>
          </error>
        </message>""");
  }

  @Test
  void messageWithoutBodyIsNotSent() {
    fixture.receive("""
        <message type='chat' id='m5' from='alice@localhost/pc' to='123456@icq.localhost'>
          <composing xmlns='http://jabber.org/protocol/chatstates'/>
        </message>""");

    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertTrue(fixture.sender.sent().isEmpty());
  }

  @Test
  void messageToTheTransportItselfIsACommandLine() {
    fixture.receive("<message type='chat' id='m6' from='alice@localhost/pc' to='icq.localhost'><body>hello</body></message>");

    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
    assertStanzas(fixture.sender.sent(), """
        <message type='chat' xml:lang='en' from='icq.localhost' to='alice@localhost/pc'>
          <body>Unknown command "hello". Send help for the list of commands.</body>
        </message>""");
  }

  @Test
  void errorMessagesAreConsumedWithoutReply() {
    fixture.receive("""
        <message type='error' id='m7' from='alice@localhost/pc' to='123456@icq.localhost'>
          <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </message>""");

    assertTrue(fixture.sender.sent().isEmpty());
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
  }
}
