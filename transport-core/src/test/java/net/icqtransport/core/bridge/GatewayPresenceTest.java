package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static net.icqtransport.core.bridge.GatewayHarness.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.FakeLegacyNetwork.StatusChange;
import net.icqtransport.core.testing.RecordingEndpoint.ContactList;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.testing.RecordingEndpoint.Event;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;

/** XEP-0100 §4.4 (log in), §4.5 (log out) and the legacy side's events (§5). */
class GatewayPresenceTest {

  private final GatewayHarness h = new GatewayHarness();

  @Test
  void anUnregisteredUserStartsNothing() {
    assertFalse(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(0, h.network.loginCount());
    assertEquals(List.of(), h.endpoint.events());
  }

  @Test
  void theFirstResourceLogsInAndTheSecondDoesNotLogInAgain() {
    h.registered(ALICE, ALICE_ICQ);

    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(1, h.network.loginCount());
    assertEquals(ALICE_ICQ, h.network.lastLogin().credentials());
    State loggingIn = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.LOGGING_IN, loggingIn.state());
    assertEquals(null, loggingIn.detail(), "nothing to add to \"logging in\" while logins are not slowed down");

    assertTrue(h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.AWAY, null));
    h.network.lastLogin().succeed();
    assertTrue(h.gateway.userAvailable(ALICE, "tablet", 0, LegacyStatus.ONLINE, null));

    assertEquals(1, h.network.loginCount());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE), h.endpoint.states(ALICE));
  }

  @Test
  void theHighestPriorityResourceDecidesTheLegacyStatus() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, "at my desk");
    h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.AWAY, "on the go");
    FakeSession session = h.network.lastLogin().succeed();
    assertEquals(List.of(new StatusChange(LegacyStatus.ONLINE, "at my desk")), session.statuses(),
        "set once at login, from the top resource");

    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.DO_NOT_DISTURB, "busy");
    h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.NOT_AVAILABLE, null); // lower: no change
    h.gateway.userAvailable(ALICE, "phone", 10, LegacyStatus.FREE_FOR_CHAT, "chat!"); // now on top
    h.gateway.userAvailable(ALICE, "phone", 10, LegacyStatus.FREE_FOR_CHAT, "chat!"); // same: no call
    h.gateway.userUnavailable(ALICE, "phone"); // back to the laptop

    assertEquals(List.of(
            new StatusChange(LegacyStatus.ONLINE, "at my desk"),
            new StatusChange(LegacyStatus.DO_NOT_DISTURB, "busy"),
            new StatusChange(LegacyStatus.FREE_FOR_CHAT, "chat!"),
            new StatusChange(LegacyStatus.DO_NOT_DISTURB, "busy")),
        session.statuses());
    assertFalse(session.isClosed());
  }

  @Test
  void theLastResourceLeavingClosesTheSession() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.ONLINE, null);
    Login login = h.network.lastLogin();
    FakeSession session = login.succeed();
    login.contactStatus(CAROL, LegacyStatus.ONLINE, null);
    login.contactStatus(DAVE, LegacyStatus.AWAY, null);
    login.contactStatus(DAVE, LegacyStatus.OFFLINE, null);

    h.gateway.userUnavailable(ALICE, "laptop");
    assertFalse(session.isClosed());
    h.endpoint.clear();
    h.gateway.userUnavailable(ALICE, "phone");

    assertTrue(session.isClosed());
    assertEquals(1, session.closeCalls());
    assertEquals(List.of(
            new ContactStatus(ALICE, CAROL, LegacyStatus.OFFLINE, null),
            new State(ALICE, SessionState.OFFLINE, null)),
        h.endpoint.events(ALICE), "only the contacts still online are reported offline, then the state");
    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "hi"), Reason.NOT_CONNECTED, "not logged in");

    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(2, h.network.loginCount(), "a new presence logs in again");
  }

  @Test
  void anOfflineStatusCountsAsUnavailable() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.OFFLINE, null));
    assertTrue(session.isClosed());
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void leavingWhileLoggingInClosesTheLateSession() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    CompletableFuture<Void> queued = h.gateway.sendMessage(ALICE, CAROL, "early");
    h.gateway.userUnavailable(ALICE, "laptop");

    assertRejected(queued, Reason.NOT_CONNECTED, "ended");
    FakeSession late = h.network.lastLogin().succeed();
    assertTrue(late.isClosed());
    assertEquals(List.of(), late.sent());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.OFFLINE), h.endpoint.states(ALICE));
    assertEquals(0, h.scheduler.pendingCount(), "the login timeout was cancelled");
  }

  @Test
  void legacyEventsReachTheUserInOrder() {
    h.online(ALICE, ALICE_ICQ);
    Login login = h.network.lastLogin();
    h.endpoint.clear();
    Instant sent = Instant.parse("2024-05-01T10:00:00Z");
    LegacyContact carol = new LegacyContact(CAROL, "Carol", "Friends");

    login.contactList(carol);
    login.contactStatus(CAROL, LegacyStatus.ONLINE, "hello");
    login.message(CAROL, "offline message", sent);
    login.message(CAROL, "how are you?");
    login.contactStatus(CAROL, LegacyStatus.OCCUPIED, null);

    List<Event> expected = List.of(
        new ContactList(ALICE, List.of(carol)),
        new ContactStatus(ALICE, CAROL, LegacyStatus.ONLINE, "hello"),
        new Delivered(ALICE, CAROL, "offline message", sent),
        new Delivered(ALICE, CAROL, "how are you?", null),
        new ContactStatus(ALICE, CAROL, LegacyStatus.OCCUPIED, null));
    assertEquals(expected, h.endpoint.events(ALICE));
  }

  @Test
  void usersAreIndependent() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    FakeSession bob = h.online(BOB, BOB_ICQ);

    h.gateway.userUnavailable(ALICE, "laptop");

    assertTrue(alice.isClosed());
    assertFalse(bob.isClosed());
    h.gateway.sendMessage(BOB, CAROL, "still here").join();
    assertEquals(List.of("still here"), bob.sentTexts());
  }

  @Test
  void shutdownSignsEveryoneOffAndStopsTheTimers() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactStatus(CAROL, LegacyStatus.ONLINE, null);
    h.registered(BOB, BOB_ICQ);
    h.gateway.userAvailable(BOB, "home", 0, LegacyStatus.ONLINE, null);
    h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR); // Bob waits for a retry
    CompletableFuture<Void> bobsMessage = h.gateway.sendMessage(BOB, CAROL, "queued");
    assertTrue(h.scheduler.pendingCount() > 0);

    h.gateway.shutdown();

    assertTrue(alice.isClosed());
    assertEquals(new ContactStatus(ALICE, CAROL, LegacyStatus.OFFLINE, null),
        h.endpoint.events(ALICE, ContactStatus.class).get(1));
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(ALICE).state());
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(BOB).state());
    assertRejected(bobsMessage, Reason.NOT_CONNECTED, "ended");
    assertEquals(0, h.scheduler.pendingCount(), "no timer left: " + h.scheduler.pendingDelays());
    h.scheduler.advance(Duration.ofHours(1));
    assertEquals(2, h.network.loginCount(), "no retry after shutdown");
    assertFalse(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
  }

  @Test
  void contactIdsAreParsedByTheNetwork() {
    assertEquals(new LegacyContactId("123456"), h.gateway.parseContactId("123456"));
    assertThrows(IllegalArgumentException.class, () -> h.gateway.parseContactId("alice"));
  }
}
