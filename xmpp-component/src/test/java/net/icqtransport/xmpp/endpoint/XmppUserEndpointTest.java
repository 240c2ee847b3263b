package net.icqtransport.xmpp.endpoint;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.state.PresenceBook;
import net.icqtransport.xmpp.testing.CapturingSender;
import org.junit.jupiter.api.Test;

/** What the bridge tells a user, as stanzas (XEP-0100 §4.4, §5.4, §5.5; XEP-0203). */
class XmppUserEndpointTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final CapturingSender sender = new CapturingSender();
  private final PresenceBook presences = new PresenceBook();
  private final XmppUserEndpoint endpoint = new XmppUserEndpoint(
      sender, new TransportAddresses("icq.localhost", LegacyContactId::new), presences);

  @Test
  void messageComesFromTheContactJid() {
    endpoint.deliverMessage(ALICE, BOB, "hello \u0007Alice", null);

    assertStanzas(sender.sent(), "<message type='chat' from='123456@icq.localhost' to='alice@localhost'><body>hello Alice</body></message>");
  }

  @Test
  void offlineMessageCarriesADelayStamp() {
    endpoint.deliverMessage(ALICE, BOB, "sent yesterday", Instant.parse("2024-05-01T10:15:30.250Z"));

    assertStanzas(sender.sent(), """
        <message type='chat' from='123456@icq.localhost' to='alice@localhost'>
          <body>sent yesterday</body>
          <delay xmlns='urn:xmpp:delay' from='icq.localhost' stamp='2024-05-01T10:15:30.250Z'/>
        </message>""");
  }

  @Test
  void contactStatusBecomesPresence() {
    endpoint.contactPresenceChanged(ALICE, BOB, new LegacyPresence(LegacyStatus.DO_NOT_DISTURB, "busy", null));
    endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.offline());

    assertStanzas(sender.sent(),
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>dnd</show><status>busy</status></presence>",
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void sessionStatesShowAsTheTransportsPresence() {
    endpoint.sessionStateChanged(ALICE, SessionState.LOGGING_IN, null);
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.sessionStateChanged(ALICE, SessionState.LOGIN_FAILED, "wrong password");
    endpoint.sessionStateChanged(ALICE, SessionState.OFFLINE, null);

    assertStanzas(sender.sent(),
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show><status>Logging in…</status></presence>",
        "<presence from='icq.localhost' to='alice@localhost'/>",
        "<presence from='icq.localhost' to='alice@localhost'><show>dnd</show>"
            + "<status>Could not log in: wrong password. Register again with the right credentials.</status></presence>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void losingTheSessionTakesContactsOffline() {
    endpoint.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.of(LegacyStatus.ONLINE));
    sender.clear();

    endpoint.sessionStateChanged(ALICE, SessionState.RECONNECTING, "in 30 s");

    assertStanzas(sender.sent(),
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show>"
            + "<status>Connection to ICQ lost, reconnecting… (in 30 s)</status></presence>");
    assertTrue(presences.contactPresence(ALICE, BOB).isEmpty());
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

  @Test
  void contactListIsOnlyLoggedForNow() {
    endpoint.contactListReceived(ALICE, List.of(new LegacyContact(BOB, "Bob", "Friends")));

    assertTrue(sender.sent().isEmpty());
  }
}
