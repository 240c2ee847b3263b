package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;

/** The login state machine: refused logins, retries with backoff, lost connections, stale sessions. */
class GatewayReconnectTest {

  private final GatewayHarness h = new GatewayHarness();

  private Login available() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    return h.network.lastLogin();
  }

  @Test
  void aRefusedLoginIsReportedAndNotRetried() {
    available().fail(LoginFailure.SUSPENDED);

    State failed = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.LOGIN_FAILED, failed.state());
    assertTrue(failed.detail().contains("account suspended"), failed.detail());
    h.scheduler.advance(Duration.ofHours(1));
    h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.ONLINE, null);
    assertEquals(1, h.network.loginCount(), "no retry loop, not even on presence");
    assertEquals(0, h.scheduler.pendingCount());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.LOGIN_FAILED), h.endpoint.states(ALICE));
  }

  @Test
  void aRefusedCertificateIsShownWithItsHostAndReasonAndNotRetried() {
    available().fail(LoginFailure.CERTIFICATE_REFUSED, "certificate for 127.0.0.1 not trusted: PKIX path building failed");

    State failed = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.LOGIN_FAILED, failed.state());
    assertTrue(failed.detail().contains("certificate for 127.0.0.1 not trusted: PKIX path building failed"),
        failed.detail());
    h.scheduler.advance(Duration.ofHours(1));
    assertEquals(1, h.network.loginCount());
  }

  @Test
  void aRetryableFailureRetriesWithGrowingDelays() {
    available().fail(LoginFailure.SERVICE_UNAVAILABLE);

    State reconnecting = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.RECONNECTING, reconnecting.state());
    assertTrue(reconnecting.detail().contains("service temporarily unavailable"), reconnecting.detail());
    assertTrue(reconnecting.detail().contains("retrying in 2 s"), reconnecting.detail());
    h.scheduler.advance(Duration.ofMillis(1999));
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, h.network.loginCount());
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(ALICE).state());

    h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR);
    List<Duration> pending = h.scheduler.pendingDelays();
    assertEquals(1, pending.size(), "only the retry is pending: " + pending);
    Duration second = pending.get(0);
    assertTrue(second.compareTo(Duration.ofSeconds(2)) >= 0 && second.compareTo(Duration.ofSeconds(4)) <= 0,
        second::toString);
    h.scheduler.advance(second);
    assertEquals(3, h.network.loginCount());

    h.network.lastLogin().succeed();
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.RECONNECTING, SessionState.LOGGING_IN,
        SessionState.RECONNECTING, SessionState.LOGGING_IN, SessionState.ONLINE), h.endpoint.states(ALICE));
  }

  @Test
  void aLoginTimeoutIsRetryableAndTheLateSessionIsClosed() {
    Login first = available();
    h.scheduler.advance(Duration.ofSeconds(30));

    State state = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.RECONNECTING, state.state());
    assertTrue(state.detail().contains("login timed out"), state.detail());
    FakeSession late = first.succeed();
    assertTrue(late.isClosed(), "the attempt was abandoned");
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state());

    h.scheduler.advance(Duration.ofSeconds(2));
    assertEquals(2, h.network.loginCount());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void aLostConnectionReportsContactsOfflineAndReconnects() {
    Login first = available();
    first.succeed();
    first.contactStatus(CAROL, LegacyStatus.ONLINE, null);
    h.endpoint.clear();

    first.closed(DisconnectReason.CONNECTION_LOST, "keepalive timeout");

    assertEquals(new ContactStatus(ALICE, CAROL, LegacyStatus.OFFLINE, null), h.endpoint.events(ALICE).get(0));
    State reconnecting = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.RECONNECTING, reconnecting.state());
    assertTrue(reconnecting.detail().contains("connection lost: keepalive timeout"), reconnecting.detail());
    assertTrue(reconnecting.detail().contains("retrying in 2 s"), reconnecting.detail());

    h.scheduler.advance(Duration.ofSeconds(2));
    assertEquals(2, h.network.loginCount());
    assertEquals(ALICE_ICQ, h.network.lastLogin().credentials());
    FakeSession second = h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
    assertEquals(List.of(new net.icqtransport.core.testing.FakeLegacyNetwork.StatusChange(LegacyStatus.ONLINE, null)),
        second.statuses(), "the status is set again on the new session");
  }

  @Test
  void theBackoffStartsOverOnlyAfterASessionOutlivedAMinute() {
    Login first = available();
    first.fail(LoginFailure.NETWORK_ERROR);
    h.scheduler.advance(Duration.ofSeconds(2));
    h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR);
    h.scheduler.advance(Duration.ofSeconds(4));
    Login third = h.network.lastLogin();
    assertEquals(3, h.network.loginCount());
    third.succeed();
    h.scheduler.advance(Duration.ofMinutes(1));

    third.closed(DisconnectReason.CONNECTION_LOST, null);

    assertTrue(h.endpoint.lastState(ALICE).detail().contains("retrying in 2 s"), h.endpoint.lastState(ALICE).detail());
    assertEquals(List.of(Duration.ofSeconds(2)), h.scheduler.pendingDelays());
  }

  /**
   * The login fight of a real server (issue #14): each login of the transport kicks the user's other client,
   * which comes back and kicks the transport within seconds. The delays must grow, not restart at 2 s after
   * each short session, and after three short sessions in a row the transport stops.
   */
  @Test
  void sessionsEndingRightAfterLoginGrowTheDelayAndStopAfterThree() {
    Login login = available();
    login.succeed();
    h.scheduler.advance(Duration.ofSeconds(5));
    login.closed(DisconnectReason.CONNECTION_LOST, "connection to bos lost");
    assertEquals(List.of(Duration.ofSeconds(2)), h.scheduler.pendingDelays());
    h.scheduler.advance(Duration.ofSeconds(2));

    login = h.network.lastLogin();
    login.succeed();
    h.scheduler.advance(Duration.ofSeconds(5));
    login.closed(DisconnectReason.CONNECTION_LOST, "connection to bos lost");
    Duration second = h.scheduler.pendingDelays().stream().filter(d -> d.compareTo(Duration.ofSeconds(55)) < 0)
        .findFirst().orElseThrow();
    assertTrue(second.compareTo(Duration.ofSeconds(2)) >= 0 && second.compareTo(Duration.ofSeconds(4)) <= 0,
        "the backoff went on: " + second);
    h.scheduler.advance(second);

    login = h.network.lastLogin();
    login.succeed();
    h.scheduler.advance(Duration.ofSeconds(5));
    login.closed(DisconnectReason.CONNECTION_LOST, "connection to bos lost");

    State stopped = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.STOPPED, stopped.state());
    assertTrue(stopped.detail().contains("3 times in a row"), stopped.detail());
    h.scheduler.advance(Duration.ofHours(2));
    assertEquals(3, h.network.loginCount(), "no fourth login");

    h.gateway.reconnect(ALICE);
    assertEquals(4, h.network.loginCount(), "the user's reconnect command tries again");
  }

  @Test
  void aShortSessionBetweenLongOnesDoesNotStop() {
    Login login = available();
    for (int round = 0; round < 5; round++) {
      login.succeed();
      h.scheduler.advance(round % 2 == 0 ? Duration.ofSeconds(3) : Duration.ofMinutes(2));
      login.closed(DisconnectReason.CONNECTION_LOST, null);
      assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state());
      h.scheduler.advance(Duration.ofSeconds(10));
      login = h.network.lastLogin();
    }
  }

  /** The server ending the session in any form other than "signed on elsewhere" stops it: never a login fight. */
  @Test
  void aSessionEndedByTheServerIsNotReconnected() {
    Login login = available();
    login.succeed();
    login.contactStatus(CAROL, LegacyStatus.ONLINE, null);

    login.closed(DisconnectReason.CLOSED_BY_SERVER, "closed by the server");

    State stopped = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.STOPPED, stopped.state());
    assertTrue(stopped.detail().contains("The ICQ server ended the session"), stopped.detail());
    assertEquals(LegacyStatus.OFFLINE, h.endpoint.events(ALICE, ContactStatus.class).get(1).status());
    h.scheduler.advance(Duration.ofHours(2));
    h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.ONLINE, null);
    assertEquals(1, h.network.loginCount(), "not even another resource's presence logs in again");

    h.gateway.userUnavailable(ALICE, "phone");
    h.gateway.userUnavailable(ALICE, "laptop");
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    assertEquals(2, h.network.loginCount(), "going offline and online again does");
  }

  @Test
  void signedOnElsewhereDoesNotReconnect() {
    Login login = available();
    login.succeed();
    login.contactStatus(CAROL, LegacyStatus.ONLINE, null);

    login.closed(DisconnectReason.SIGNED_ON_ELSEWHERE, null);

    assertEquals(LegacyStatus.OFFLINE, h.endpoint.events(ALICE, ContactStatus.class).get(1).status());
    assertEquals(SessionState.SIGNED_ON_ELSEWHERE, h.endpoint.lastState(ALICE).state());
    h.scheduler.advance(Duration.ofHours(1));
    assertEquals(1, h.network.loginCount());
    assertEquals(0, h.scheduler.pendingCount());
  }

  @Test
  void lateEventsFromAnOldSessionAreIgnored() {
    Login old = available();
    old.succeed();
    old.closed(DisconnectReason.CONNECTION_LOST, null);
    h.scheduler.advance(Duration.ofSeconds(2));
    Login current = h.network.lastLogin();
    current.succeed();
    h.endpoint.clear();

    old.message(CAROL, "ghost");
    old.contactStatus(CAROL, LegacyStatus.ONLINE, null);
    old.contactList();
    old.closed(DisconnectReason.CONNECTION_LOST, null);
    current.message(CAROL, "real");

    assertEquals(List.of("real"), h.endpoint.deliveredTexts(ALICE));
    assertEquals(1, h.endpoint.events(ALICE).size(), "nothing else: " + h.endpoint.events(ALICE));
    h.scheduler.advance(Duration.ofHours(1));
    assertEquals(2, h.network.loginCount(), "the old session's close does not trigger a reconnect");
  }

  /**
   * The reconnect command closes the session while it may still hand over a message it read (a real session
   * reports its end a moment later): the message reached the transport, so it is delivered, not dropped as stale.
   * Once the old session reported its end, nothing of it counts any more.
   */
  @Test
  void aMessageTheReplacedSessionHandsOverBeforeItsEndIsDelivered() {
    Login old = available();
    FakeSession oldSession = old.succeed();
    oldSession.reportEndLater();
    h.endpoint.clear();

    h.gateway.reconnect(ALICE);
    assertTrue(oldSession.isClosed());
    old.message(CAROL, "read before the close");
    oldSession.reportEnd();
    old.message(CAROL, "ghost");

    assertEquals(List.of("read before the close"), h.endpoint.deliveredTexts(ALICE));
    assertEquals(2, h.network.loginCount(), "the reconnect logs in again; the old session's end changes nothing");
  }

  @Test
  void eventsOfATimedOutAttemptAreIgnored() {
    Login abandoned = available();
    h.scheduler.advance(Duration.ofSeconds(30));
    h.endpoint.clear();

    abandoned.message(CAROL, "ghost");
    abandoned.closed(DisconnectReason.CONNECTION_LOST, null);

    assertEquals(List.of(), h.endpoint.events(ALICE));
    assertEquals(1, h.scheduler.pendingCount(), "still just the one retry");
  }

  @Test
  void ourOwnCloseIsNotTakenForADisconnection() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.gateway.userUnavailable(ALICE, "laptop");

    assertTrue(session.isClosed());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE, SessionState.OFFLINE), h.endpoint.states(ALICE));
    h.scheduler.advance(Duration.ofHours(1));
    assertEquals(1, h.network.loginCount());
    assertFalse(h.endpoint.lastState(ALICE).state() == SessionState.RECONNECTING);
  }

  @Test
  void aRetryThatFindsTheRegistrationGoneStops() {
    available().fail(LoginFailure.NETWORK_ERROR);
    h.store.delete(ALICE);

    h.scheduler.advance(Duration.ofSeconds(2));

    assertEquals(1, h.network.loginCount());
    State state = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.LOGIN_FAILED, state.state());
    assertTrue(state.detail().contains("not registered"), state.detail());
    assertEquals(0, h.scheduler.pendingCount());
  }
}
