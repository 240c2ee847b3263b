package net.icqtransport.xmpp.access;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Stanza in, stanza out: who may use the transport and how much (XEP-0077 §3, XEP-0100 §4.1, RFC 6120 §8.3). */
class AccessPolicyTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final UserAddress BOB = new UserAddress("bob@localhost");
  private static final LegacyContactId CONTACT = new LegacyContactId("123456");

  private final AtomicLong nanos = new AtomicLong();
  private RouterFixture fixture = new RouterFixture(
      new AccessSettings(Set.of(), 60, 3, 2, 100), nanos::get);

  private void sendAs(String from, String id, String body) {
    fixture.receive("<message type='chat' id='" + id + "' from='" + from + "/pc' to='123456@icq.localhost'><body>"
        + body + "</body></message>");
  }

  @Test
  void usersOfAnotherDomainAreForbiddenToRegisterOrChatButMayDiscoverTheTransport() {
    fixture.receive("<iq type='get' id='r1' from='eve@evil.example/pc' to='icq.localhost'><query xmlns='jabber:iq:register'/></iq>");
    fixture.receive("""
        <iq type='set' id='r2' from='eve@evil.example/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>100001</username><password>pw</password></query>
        </iq>""");
    fixture.receive("<message type='chat' id='m1' from='eve@evil.example/pc' to='123456@icq.localhost'><body>hi</body></message>");
    String forbidden = """
          <error type='auth'>
            <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>This transport serves users of localhost</text>
          </error>""";
    assertStanzas(fixture.sender.sent(),
        "<iq type='error' id='r1' from='icq.localhost' to='eve@evil.example/pc'>" + forbidden + "</iq>",
        "<iq type='error' id='r2' from='icq.localhost' to='eve@evil.example/pc'>" + forbidden + "</iq>",
        "<message type='error' id='m1' from='123456@icq.localhost' to='eve@evil.example/pc'><body>hi</body>"
            + forbidden + "</message>");
    verify(fixture.gateway, never()).register(any(), any());
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());

    fixture.sender.clear();
    fixture.receive("<iq type='get' id='d1' from='eve@evil.example/pc' to='icq.localhost'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    assertEquals("result", fixture.sender.sent().get(0).getElement().attributeValue("type"));
  }

  /** The domain rule is for accounts: a server of another domain (no node) is answered as anyone else would be. */
  @Test
  void aServerOfAnotherDomainIsNotRefusedForItsDomain() {
    fixture.receive("<iq type='get' id='s1' from='evil.example' to='icq.localhost'><query xmlns='jabber:iq:last'/></iq>");
    fixture.receive("<iq type='get' id='u1' from='eve@evil.example/pc' to='icq.localhost'><query xmlns='jabber:iq:last'/></iq>");

    assertEquals(2, fixture.sender.sent().size(), fixture.sender.sent().toString());
    String toServer = fixture.sender.sent().get(0).toXML();
    assertTrue(toServer.contains("id=\"s1\"") && !toServer.contains("forbidden"), toServer);
    String toUser = fixture.sender.sent().get(1).toXML();
    assertTrue(toUser.contains("id=\"u1\"") && toUser.contains("forbidden"), toUser);
  }

  @Test
  void configuredRegistrationDomainsReplaceTheServersOwnDomain() {
    fixture = new RouterFixture(new AccessSettings(Set.of("example.net"), 60, 3, 2, 100), nanos::get);
    when(fixture.gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));

    sendAs("carol@example.net", "m1", "hi");
    sendAs("alice@localhost", "m2", "hi");

    verify(fixture.gateway).sendMessage(new UserAddress("carol@example.net"), CONTACT, "hi");
    verify(fixture.gateway, never()).sendMessage(ALICE, CONTACT, "hi");
    assertTrue(fixture.sender.sent().get(0).toXML().contains("forbidden"), fixture.sender.sent().toString());
  }

  @Test
  void messagesBeyondTheRateAreBouncedWithResourceConstraintNeverDropped() {
    when(fixture.gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));

    for (int i = 1; i <= 4; i++) {
      sendAs("alice@localhost", "m" + i, "text " + i);
    }

    verify(fixture.gateway, times(3)).sendMessage(any(), any(), anyString());
    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='m4' from='123456@icq.localhost' to='alice@localhost/pc'>
          <body>text 4</body>
          <error type='wait'>
            <resource-constraint xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Too many messages: at most 60 a minute. This one was not sent; please send it again in a moment</text>
          </error>
        </message>""");

    sendAs("bob@localhost", "b1", "bob has his own bucket");
    verify(fixture.gateway).sendMessage(BOB, CONTACT, "bob has his own bucket");

    nanos.addAndGet(Duration.ofSeconds(1).toNanos()); // 60 a minute: one more token
    sendAs("alice@localhost", "m5", "text 5");
    verify(fixture.gateway).sendMessage(ALICE, CONTACT, "text 5");
  }

  @Test
  void registrationAttemptsBeyondTheHourlyLimitArePolicyViolations() {
    for (int i = 1; i <= 3; i++) {
      fixture.receive("""
          <iq type='set' id='r%d' from='alice@localhost/pc' to='icq.localhost'>
            <query xmlns='jabber:iq:register'><username>100001</username><password>wrong-%d</password></query>
          </iq>""".formatted(i, i));
    }

    verify(fixture.gateway, times(2)).register(any(), any());
    assertStanzas(java.util.List.of(fixture.sender.sent().get(fixture.sender.sent().size() - 1)), """
        <iq type='error' id='r3' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Too many registration attempts: at most 2 an hour. Please try again later</text>
          </error>
        </iq>""");
    assertTrue(fixture.sender.sent().stream().noneMatch(stanza -> stanza.toXML().contains("wrong-")),
        "no reply echoes a password");
  }

  /** Issue #15 (6): leaving (XEP-0077 §3.2 remove) costs no login and must not use up the hourly registrations. */
  @Test
  void removingARegistrationDoesNotCountAgainstTheHourlyLimit() {
    when(fixture.gateway.unregister(any())).thenReturn(CompletableFuture.completedFuture(true));
    for (int i = 1; i <= 3; i++) {
      fixture.receive("""
          <iq type='set' id='u%d' from='alice@localhost/pc' to='icq.localhost'>
            <query xmlns='jabber:iq:register'><remove/></query>
          </iq>""".formatted(i));
    }
    fixture.receive("""
        <iq type='set' id='r1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>100001</username><password>pw</password></query>
        </iq>""");

    verify(fixture.gateway, times(3)).unregister(any());
    verify(fixture.gateway).register(any(), any());
    assertTrue(fixture.sender.sent().stream().noneMatch(stanza -> stanza.toXML().contains("policy-violation")),
        fixture.sender.allXml());
  }

  @Test
  void aBodyOverTheLimitIsNotAcceptableAndNotEchoed() {
    when(fixture.gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));
    String atLimit = "x".repeat(100);
    String over = "ü".repeat(51); // 102 bytes in UTF-8

    sendAs("alice@localhost", "ok", atLimit);
    sendAs("alice@localhost", "big", over);

    verify(fixture.gateway).sendMessage(ALICE, CONTACT, atLimit);
    verify(fixture.gateway, never()).sendMessage(ALICE, CONTACT, over);
    assertStanzas(fixture.sender.sent(), """
        <message type='error' id='big' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The message is too long (102 bytes; at most 100): please split it</text>
          </error>
        </message>""");
  }

  /**
   * Routes a stanza built without Tinder's address validation: Whack's reader builds packets with it (and drops
   * the connection when it throws), so a malformed address can reach the router only this way.
   */
  private void receiveUnvalidated(String xml) {
    try {
      org.dom4j.Element root = org.dom4j.DocumentHelper.parseText(xml).getRootElement();
      fixture.router.route(switch (root.getName()) {
        case "iq" -> new org.xmpp.packet.IQ(root, true);
        case "message" -> new org.xmpp.packet.Message(root, true);
        default -> new org.xmpp.packet.Presence(root, true);
      });
    } catch (org.dom4j.DocumentException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aMalformedRecipientIsJidMalformedFromTheTransport() {
    receiveUnvalidated("<iq type='get' id='j1' from='alice@localhost/pc' to='bad\"node@icq.localhost'><query xmlns='vcard-temp'/></iq>");
    receiveUnvalidated("<message type='chat' id='j2' from='alice@localhost/pc' to='a b@icq.localhost'><body>hi</body></message>");

    String malformed = """
          <error type='modify'>
            <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Malformed recipient address</text>
          </error>""";
    assertStanzas(fixture.sender.sent(),
        "<iq type='error' id='j1' from='icq.localhost' to='alice@localhost/pc'>" + malformed + "</iq>",
        "<message type='error' id='j2' from='icq.localhost' to='alice@localhost/pc'><body>hi</body>" + malformed + "</message>");
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
  }

  @Test
  void stanzasWithoutAUsableSenderAreDroppedWithoutACrash() {
    fixture.receive("<message type='chat' id='n1' to='123456@icq.localhost'><body>hi</body></message>");
    fixture.receive("<iq type='get' id='n2' to='icq.localhost'><query xmlns='jabber:iq:register'/></iq>");
    receiveUnvalidated("<message type='chat' id='n3' from='bad\"node@localhost/pc' to='123456@icq.localhost'><body>hi</body></message>");
    receiveUnvalidated("<presence from='a b@localhost/pc' to='icq.localhost'/>");

    assertEquals(java.util.List.of(), fixture.sender.sent());
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString());
  }

  @Test
  void bobNeverActsThroughAlicesSession() {
    when(fixture.gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));
    when(fixture.gateway.fetchUserInfo(any(), any())).thenReturn(new CompletableFuture<>());

    sendAs("bob@localhost", "b1", "from bob");
    fixture.receive("<iq type='get' id='v1' from='bob@localhost/pc' to='123456@icq.localhost'><vCard xmlns='vcard-temp'/></iq>");

    verify(fixture.gateway).sendMessage(BOB, CONTACT, "from bob");
    verify(fixture.gateway).fetchUserInfo(BOB, CONTACT);
    verify(fixture.gateway, never()).sendMessage(org.mockito.ArgumentMatchers.eq(ALICE), any(), anyString());
    verify(fixture.gateway, never()).fetchUserInfo(org.mockito.ArgumentMatchers.eq(ALICE), any());

    fixture.unregistered("bob@localhost");
    fixture.sender.clear();
    fixture.receive("<iq type='get' id='v2' from='bob@localhost/pc' to='123456@icq.localhost'><vCard xmlns='vcard-temp'/></iq>");
    assertTrue(fixture.sender.sent().get(0).toXML().contains("registration-required"), fixture.sender.sent().toString());
    verify(fixture.gateway, times(1)).fetchUserInfo(any(), any());
  }
}
