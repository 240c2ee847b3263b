package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.mapping.TransportPresenceMapping;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
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
    assertTrue(fixture.sender.sent().isEmpty());
  }

  @Test
  void unregisteredUsersAvailablePresenceIsIgnored() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(false);

    fixture.receive("<presence from='alice@localhost/Home' to='icq.localhost'/>");

    verify(fixture.gateway).userAvailable(ALICE, "Home", 0, LegacyStatus.ONLINE, null);
    assertTrue(fixture.sender.sent().isEmpty());
  }

  @Test
  void unavailablePresenceEndsTheResource() {
    fixture.receive("<presence type='unavailable' from='alice@localhost/Home' to='icq.localhost'/>");

    verify(fixture.gateway).userUnavailable(ALICE, "Home");
    assertTrue(fixture.sender.sent().isEmpty());
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

  @Test
  void probeIsAnsweredWithTheTransportsPresenceForThatUser() {
    fixture.presences.setTransportPresence(ALICE, TransportPresenceMapping.toPresence(SessionState.LOGGING_IN, null));

    fixture.receive("<presence type='probe' from='alice@localhost' to='icq.localhost'/>");
    fixture.receive("<presence type='probe' from='bob@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence from='icq.localhost' to='alice@localhost'><show>xa</show><status>Logging in…</status></presence>",
        "<presence type='unavailable' from='icq.localhost' to='bob@localhost'/>");
  }

  @Test
  void subscriptionToAContactIsApprovedWithItsPresence() {
    fixture.presences.setContactPresence(ALICE, new LegacyContactId("123456"),
        PresenceStatusMapping.toPresence(LegacyStatus.AWAY, "brb"));

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
