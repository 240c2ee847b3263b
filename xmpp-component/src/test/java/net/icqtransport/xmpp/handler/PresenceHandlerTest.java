package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.inOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import net.icqtransport.xmpp.testing.Shown;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.mapping.TransportPresenceMapping;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.xmpp.packet.Packet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Presence from users to the transport (XEP-0100 §4.4-§4.5) and to contacts (§5). */
class PresenceHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");

  private final RouterFixture fixture = new RouterFixture();

  @ParameterizedTest
  @CsvSource({
    "'',                ONLINE",
    "<show>chat</show>, FREE_FOR_CHAT",
    "<show>away</show>, AWAY",
    "<show>xa</show>,   NOT_AVAILABLE",
    "<show>dnd</show>,  DO_NOT_DISTURB",
  })
  void availablePresenceLogsInWithTheMappedStatus(String show, LegacyStatus expected) {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);

    fixture.receive("<presence from='Alice@localhost/Home' to='icq.localhost'>" + show
        + "<status>at lunch</status><priority>5</priority></presence>");

    verify(fixture.gateway).userAvailable(ALICE, "Home", 5, expected, "at lunch");
    assertOnlyAFeatureQueryTo("Alice@localhost/Home");
  }

  @Test
  void unregisteredUsersAvailablePresenceIsRegistrationRequired() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(false);

    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'/>");

    verify(fixture.gateway).userAvailable(ALICE, "Home", 0, LegacyStatus.ONLINE, null);
    assertStanzas(fixture.sender.sent(), """
        <presence type='error' from='icq.localhost' to='alice@localhost/Home'>
          <error type='auth'>
            <registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with icq.localhost (your ICQ number and password) first</text>
          </error>
        </presence>""");
  }

  @Test
  void unregisteredUsersPresenceToAContactIsRegistrationRequired() {
    fixture.unregistered("alice@localhost");

    fixture.receive("<presence from='alice@localhost/Home' to='123456@icq.localhost'/>");
    fixture.receive("<presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'/>");

    assertEquals(2, fixture.sender.sent().size());
    fixture.sender.sent().forEach(p -> assertTrue(p.toXML().contains("<registration-required"), p.toXML()));
    verify(fixture.gateway, never()).addContact(any(), any(), any());
  }

  @Test
  void everyResourceAndPriorityChangeReachesTheGateway() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);

    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'><priority>5</priority></presence>");
    fixture.receive("<presence from='alice@localhost/Work' to='icq.localhost'><show>away</show><priority>1</priority></presence>");
    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'><priority>-1</priority></presence>");

    InOrder order = inOrder(fixture.gateway);
    order.verify(fixture.gateway).userAvailable(ALICE, "Home", 5, LegacyStatus.ONLINE, null);
    order.verify(fixture.gateway).userAvailable(ALICE, "Work", 1, LegacyStatus.AWAY, null);
    order.verify(fixture.gateway).userAvailable(ALICE, "Home", -1, LegacyStatus.ONLINE, null);
  }

  @Test
  void unavailableFromTheBareJidEndsEveryKnownResource() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'/>");
    fixture.receive("<presence from='alice@localhost/Work' to='icq.localhost'/>");

    fixture.receive("<presence type='unavailable' from='alice@localhost' to='icq.localhost'/>");

    verify(fixture.gateway).userUnavailable(ALICE, "Home");
    verify(fixture.gateway).userUnavailable(ALICE, "Work");
    verify(fixture.gateway, never()).userUnavailable(ALICE, "");
  }

  @Test
  void unavailablePresenceEndsTheResource() {
    fixture.receive("<presence type='unavailable' from='alice@localhost/Home' to='icq.localhost'/>");

    verify(fixture.gateway).userUnavailable(ALICE, "Home");
    assertTrue(fixture.sender.sent().isEmpty());
  }

  @Test
  void aResourceThatGoesOfflineLeavesNoFeatureQueryWaiting() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'/>");
    fixture.receive("<presence from='alice@localhost/Work' to='icq.localhost'/>");
    assertEquals(2, fixture.iqRequests.waiting());

    fixture.receive("<presence type='unavailable' from='alice@localhost/Home' to='icq.localhost'/>");
    assertEquals(1, fixture.iqRequests.waiting(), "Home's answer can no longer come; Work's still can");

    fixture.receive("<presence type='unavailable' from='alice@localhost' to='icq.localhost'/>");
    assertEquals(0, fixture.iqRequests.waiting());
  }

  @Test
  void invalidShowIsBadRequest() {
    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'><show>sleeping</show></presence>");

    verify(fixture.gateway, never()).userAvailable(any(), anyString(), anyInt(), any(), any());
    assertStanzas(fixture.sender.sent(), """
        <presence type='error' from='icq.localhost' to='alice@localhost/Home'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Malformed stanza</text>
          </error>
        </presence>""");
  }

  @Test
  void subscribeIsApprovedAndReturnedOnce() {
    fixture.receive("<presence type='subscribe' from='alice@localhost' to='icq.localhost'/>");
    fixture.receive("<presence type='subscribe' from='alice@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='subscribed' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='subscribed' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void theUsersApprovalIsFollowedByAProbeForItsPresence() {
    fixture.receive("<presence type='subscribed' from='alice@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='probe' from='icq.localhost' to='alice@localhost'/>");
  }

  /**
   * Issue #15 (1): a probe before the user accepted the transport's subscription is answered {@code unsubscribed}
   * by the user's server, which cancels the pending request; the user's own {@code subscribed} then becomes a
   * mere pre-approval. The transport asks once more, and the pre-approval answers at once.
   */
  @Test
  void anUnsubscribedWhileTheRequestIsPendingAsksOnceMore() {
    fixture.user(ALICE).subscriptionRequested();

    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='icq.localhost'/>");
    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void anUnsubscribedAfterTheUserGrantedTheSubscriptionIsTheUsersChoice() {
    fixture.user(ALICE).subscriptionRequested();
    fixture.receive("<presence type='subscribed' from='alice@localhost' to='icq.localhost'/>");
    fixture.sender.clear();

    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent());
  }

  /**
   * Issue #15 (2): an unavailable presence from the bare JID ends every resource. Only the resource "" used to
   * be forgotten, so a later status-message or invisibility command replayed the stale resources into the
   * bridge and kept the ICQ session alive with no resource left.
   */
  @Test
  void anUnavailableFromTheBareJidForgetsEveryResourceSoNoCommandReplaysThem() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/pc' to='icq.localhost'/>");
    fixture.receive("<presence from='alice@localhost/phone' to='icq.localhost'><priority>1</priority></presence>");

    fixture.receive("<presence type='unavailable' from='alice@localhost' to='icq.localhost'/>");

    assertEquals(List.of(), fixture.user(ALICE).resources());
    boolean applied = new net.icqtransport.xmpp.command.PreferenceApplier(fixture.gateway, fixture.users).apply(ALICE);
    assertTrue(!applied, "nothing to apply the preference to");
    verify(fixture.gateway, org.mockito.Mockito.times(1)).userAvailable(ALICE, "pc", 0, LegacyStatus.ONLINE, null);
  }

  @Test
  void probeIsAnsweredWithTheTransportsPresenceForThatUser() {
    fixture.user(ALICE).setTransportPresence(TransportPresenceMapping.toPresence(SessionState.LOGGING_IN, null));

    fixture.receive("<presence type='probe' from='alice@localhost' to='icq.localhost'/>");
    fixture.receive("<presence type='probe' from='bob@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show><status>Logging in…</status></presence>",
        "<presence type='unavailable' from='icq.localhost' to='bob@localhost'/>");
  }

  private void assertOnlyAFeatureQueryTo(String fullJid) {
    assertEquals(1, fixture.sender.sent().size(), fixture.sender.allXml());
    Packet query = fixture.sender.sent().get(0);
    assertEquals(fullJid, query.getTo().toString());
    assertTrue(query.toXML().contains("http://jabber.org/protocol/disco#info"), query.toXML());
  }

  @Test
  void subscriptionToAContactOnTheIcqListIsApprovedWithItsPresence() {
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(new LegacyContact(new LegacyContactId("123456"), "Bob", null)));
    fixture.user(ALICE).showContact(new LegacyContactId("123456"), Shown.as(LegacyStatus.AWAY, "brb"));

    fixture.receive("<presence type='subscribe' from='alice@localhost/Home' to='123456@icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='subscribed' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><show>away</show><status>brb</status></presence>");
  }

  @Test
  void directedPresenceToAContactIsIgnored() {
    fixture.receive("<presence from='alice@localhost/Home' to='123456@icq.localhost'/>");

    assertTrue(fixture.sender.sent().isEmpty());
    verify(fixture.gateway, never()).userAvailable(any(), anyString(), anyInt(), any(), any());
  }

  @Test
  void presenceErrorsAreConsumed() {
    fixture.receive("""
        <presence type='error' from='alice@localhost' to='icq.localhost'>
          <error type='cancel'><remote-server-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </presence>""");

    assertTrue(fixture.sender.sent().isEmpty());
    verifyNoInteractions(fixture.gateway);
  }
}
