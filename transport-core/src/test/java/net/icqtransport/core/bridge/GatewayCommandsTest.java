package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The user's "reconnect" and the admin's "disconnect" commands (XEP-0050 on the XMPP side). */
@Timeout(10)
class GatewayCommandsTest {

  private final GatewayHarness h = new GatewayHarness();

  @Test
  void reconnectClosesTheSessionAndLogsInAgainAtOnce() {
    FakeSession first = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactStatus(CAROL, LegacyStatus.ONLINE, null);
    h.endpoint.clear();

    h.gateway.reconnect(ALICE);

    assertTrue(first.isClosed());
    assertEquals(2, h.network.loginCount(), "no backoff delay");
    assertEquals(List.of(new ContactStatus(ALICE, CAROL, LegacyStatus.OFFLINE, null)),
        h.endpoint.events(ALICE, ContactStatus.class));
    assertEquals(List.of(SessionState.LOGGING_IN), h.endpoint.states(ALICE), "the closed session's end is not reported");
    FakeSession second = h.network.lastLogin().succeed();
    h.gateway.sendMessage(ALICE, CAROL, "after").join();
    assertEquals(List.of("after"), second.sentTexts());
    assertEquals(List.of(), first.sentTexts());
  }

  @Test
  void aChosenCodepageIsStoredAndTheNextLoginUsesIt() throws Exception {
    FakeSession first = h.online(ALICE, ALICE_ICQ);
    assertEquals(LegacySessionOptions.DEFAULTS, h.network.lastLogin().options());
    Charset cyrillic = Charset.forName("windows-1251");

    h.gateway.setLegacyCodepage(ALICE, cyrillic).get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertTrue(first.isClosed(), "logged in again so that the codepage applies");
    assertEquals(new LegacySessionOptions(cyrillic), h.network.lastLogin().options());
    assertEquals(new LegacySessionOptions(cyrillic), h.gateway.registration(ALICE).orElseThrow().options());
  }

  @Test
  void reconnectResetsTheBackoff() {
    h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().closed(DisconnectReason.CONNECTION_LOST, null);
    for (int i = 0; i < 4; i++) { // let the backoff grow
      h.scheduler.advance(Duration.ofMinutes(5));
      h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR);
    }
    int logins = h.network.loginCount();

    h.gateway.reconnect(ALICE);
    assertEquals(logins + 1, h.network.loginCount(), "logs in now, not after the pending delay");
    h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR);

    assertEquals(List.of(GatewayHarness.SETTINGS.reconnectMinDelay()), h.scheduler.pendingDelays(),
        "the next retry starts over at the floor");
  }

  @Test
  void reconnectWithoutAnAvailableResourceDoesNothing() {
    h.registered(ALICE, ALICE_ICQ);

    h.gateway.reconnect(ALICE);

    assertEquals(0, h.network.loginCount());
    assertEquals(List.of(), h.gateway.onlineUsers());
  }

  @Test
  void disconnectEndsTheSessionTellsTheUserAndKeepsTheRegistration() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.endpoint.clear();

    h.gateway.disconnect(ALICE, "Disconnected by the administrator.");

    assertTrue(session.isClosed());
    assertEquals(new State(ALICE, SessionState.OFFLINE, "Disconnected by the administrator."),
        h.endpoint.lastState(ALICE));
    assertTrue(h.gateway.registration(ALICE).isPresent());
    assertEquals(List.of(), h.gateway.onlineUsers());
    assertEquals(1, h.network.loginCount(), "no reconnect on its own");

    CompletableFuture<Void> refused = h.gateway.sendMessage(ALICE, CAROL, "hi");
    assertTrue(refused.isCompletedExceptionally());
    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(2, h.network.loginCount(), "the next presence logs in again");
  }

  @Test
  void disconnectOfAnOfflineUserIsHarmless() {
    h.registered(ALICE, ALICE_ICQ);

    h.gateway.disconnect(ALICE, "bye");

    assertEquals(List.of(), h.endpoint.events(ALICE));
    assertFalse(h.gateway.onlineUsers().contains(ALICE));
  }

  @Test
  void reconnectWhileLoggingInStartsAFreshAttempt() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    Login stale = h.network.lastLogin();

    h.gateway.reconnect(ALICE);
    FakeSession late = stale.succeed();

    assertTrue(late.isClosed(), "the abandoned attempt's session is closed when it comes");
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(ALICE).state());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }
}
