package net.icqtransport.xmpp.endpoint;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.CapturingSender;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** What the bridge tells a user, as stanzas (XEP-0100 §4.4, §5.4, §5.5; XEP-0203; XEP-0085; RFC 6121 §3.1). */
class XmppUserEndpointTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final RouterFixture fixture = new RouterFixture();
  private final CapturingSender sender = fixture.sender;

  private final XmppUserEndpoint endpoint = fixture.endpoint;

  @Test
  void reannounceShowsEachUserTheTransportsAndTheContactsPresencesAgain() {
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.DO_NOT_DISTURB, "busy", null));
    String shown = sender.allXml();
    sender.clear();

    endpoint.reannounce();

    assertEquals(shown, sender.allXml(), "the same presences as last shown, in the same order");
    assertTrue(sender.allXml().contains("<show>dnd</show>"), sender.allXml());
  }

  @Test
  void messageComesFromTheContactJid() {
    endpoint.deliverMessage(ALICE, BOB, "hello \u0007Alice", null);

    assertStanzas(sender.sent(),
        "<message type='chat' id='t-m1' from='123456@icq.localhost' to='alice@localhost'><body>hello Alice</body></message>");
  }

  @Test
  void offlineMessageCarriesADelayStamp() {
    endpoint.deliverMessage(ALICE, BOB, "sent yesterday", Instant.parse("2024-05-01T10:15:30.250Z"));

    assertStanzas(sender.sent(), """
        <message type='chat' id='t-m1' from='123456@icq.localhost' to='alice@localhost'>
          <body>sent yesterday</body>
          <delay xmlns='urn:xmpp:delay' from='icq.localhost' stamp='2024-05-01T10:15:30.250Z'/>
        </message>""");
  }

  @Test
  void contactStatusBecomesPresenceSayingThereIsNoAvatar() {
    endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.DO_NOT_DISTURB, "busy", null));
    endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.offline());

    assertStanzas(sender.sent(), """
        <presence from='123456@icq.localhost' to='alice@localhost'>
          <show>dnd</show><status>busy</status><x xmlns='vcard-temp:x:update'><photo/></x>
        </presence>""",
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void typingBecomesAChatStateMessage() {
    endpoint.typingChanged(ALICE, BOB, TypingState.TYPING);
    endpoint.typingChanged(ALICE, BOB, TypingState.PAUSED);
    endpoint.typingChanged(ALICE, BOB, TypingState.STOPPED);

    assertStanzas(sender.sent(),
        "<message type='chat' from='123456@icq.localhost' to='alice@localhost'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message type='chat' from='123456@icq.localhost' to='alice@localhost'><paused xmlns='http://jabber.org/protocol/chatstates'/></message>",
        "<message type='chat' from='123456@icq.localhost' to='alice@localhost'><active xmlns='http://jabber.org/protocol/chatstates'/></message>");
  }

  @Test
  void anAuthorizationRequestIsASubscriptionRequestWithTheTextAndNickname() {
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(new LegacyContact(BOB, "Bob", null)));

    endpoint.authorizationRequested(ALICE, BOB, "Hi, it's Bob from school");

    assertStanzas(sender.sent(), """
        <presence type='subscribe' from='123456@icq.localhost' to='alice@localhost'>
          <status>Hi, it's Bob from school</status>
          <nick xmlns='http://jabber.org/protocol/nick'>Bob</nick>
        </presence>""");
  }

  @Test
  void beingAddedByAContactIsANoteFromTheTransport() {
    endpoint.addedByContact(ALICE, BOB);

    assertStanzas(sender.sent(), """
        <message type='normal' from='icq.localhost' to='alice@localhost'>
          <body>ICQ user 123456 (123456@icq.localhost) added you to their contact list.</body>
        </message>""");
  }

  @Test
  void sessionStatesShowAsTheTransportsPresence() {
    endpoint.sessionStateChanged(ALICE, SessionState.LOGGING_IN, null);
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.sessionStateChanged(ALICE, SessionState.LOGIN_FAILED, "Could not log in to ICQ: wrong password");
    endpoint.sessionStateChanged(ALICE, SessionState.SIGNED_ON_ELSEWHERE,
        "Another client signed on to ICQ as 100001; the transport will not reconnect.");
    endpoint.sessionStateChanged(ALICE, SessionState.OFFLINE, null);

    assertStanzas(sender.sent(),
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show><status>Logging in…</status></presence>",
        "<presence from='icq.localhost' to='alice@localhost'/>",
        "<presence from='icq.localhost' to='alice@localhost'><show>dnd</show><status>Could not log in to ICQ: wrong password."
            + " The transport will not retry: register again with the right ICQ number and password.</status></presence>",
        "<presence from='icq.localhost' to='alice@localhost'><show>dnd</show><status>Another client signed on to ICQ as 100001;"
            + " the transport will not reconnect. Go offline and online again to take it back.</status></presence>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void losingTheSessionTakesContactsOfflineAndSaysWhenItRetries() {
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.of(LegacyStatus.ONLINE));
    sender.clear();

    endpoint.sessionStateChanged(ALICE, SessionState.RECONNECTING, "Disconnected from ICQ (connection lost); retrying in 30 s.");

    assertStanzas(sender.sent(),
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show>"
            + "<status>Disconnected from ICQ (connection lost); retrying in 30 s.</status></presence>");
    assertTrue(fixture.user(ALICE).contactPresence(BOB).isEmpty());
  }

  @Test
  void signOffEveryoneSendsUnavailableToUsersShownOnline() {
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.sessionStateChanged(new UserAddress("carol@localhost"), SessionState.OFFLINE, null);
    sender.clear();

    endpoint.signOffEveryone();

    assertStanzas(sender.sent(),
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'><status>The transport is shutting down</status></presence>");
  }
}
