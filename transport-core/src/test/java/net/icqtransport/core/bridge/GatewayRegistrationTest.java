package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ_NEW;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** XEP-0100 §4.1 (register), §4.2 (edit registration), §4.3 (unregister). */
class GatewayRegistrationTest {

  private final GatewayHarness h = new GatewayHarness();

  @Test
  void registerChecksTheCredentialsByLoggingInThenStoresThem() {
    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ);

    assertFalse(result.isDone(), "must wait for the login");
    assertEquals(Optional.empty(), h.store.find(ALICE));
    Login check = h.network.lastLogin();
    assertEquals(ALICE_ICQ, check.credentials());
    FakeSession session = check.succeed();

    Registration registration = result.join();
    assertEquals(ALICE, registration.user());
    assertEquals(ALICE_ICQ, registration.credentials());
    assertEquals(Optional.of(registration), h.gateway.registration(ALICE));
    assertEquals(List.of(ALICE), h.gateway.registeredUsers());
    assertTrue(session.isClosed(), "the checking session is closed again");
    assertEquals(List.of(), h.endpoint.events(), "a check is not a login the user hears about");
  }

  @Test
  void wrongPasswordStoresNothingAndFailsWithTheLoginFailure() {
    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ);
    h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);

    Throwable failure = result.handle((value, error) -> error).join();
    LoginFailedException refused = assertInstanceOf(LoginFailedException.class, failure, "not wrapped");
    assertEquals(LoginFailure.WRONG_PASSWORD, refused.failure());
    assertEquals(Optional.empty(), h.store.find(ALICE));
    assertEquals(List.of(), h.gateway.registeredUsers());
  }

  @Test
  void registerFailsWithTimeoutWhenTheNetworkDoesNotAnswer() {
    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ);
    h.scheduler.advance(Duration.ofSeconds(29));
    assertFalse(result.isDone());

    h.scheduler.advance(Duration.ofSeconds(1));

    Throwable failure = result.handle((value, error) -> error).join();
    assertEquals(LoginFailure.TIMEOUT, assertInstanceOf(LoginFailedException.class, failure).failure());
    FakeSession late = h.network.lastLogin().succeed();
    assertTrue(late.isClosed(), "a session that arrives after the timeout is closed");
    assertEquals(Optional.empty(), h.store.find(ALICE));
  }

  @Test
  void registeringAnotherAccountWhileOnlineSwitchesTheSessionOnce() {
    FakeSession old = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactStatus(CAROL, LegacyStatus.ONLINE, null);
    h.endpoint.clear();

    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ_NEW);
    assertTrue(old.isClosed(), "signed off once");
    assertEquals(ALICE_ICQ_NEW, h.network.lastLogin().credentials());
    h.network.lastLogin().succeed();

    assertEquals(ALICE_ICQ_NEW, result.join().credentials());
    assertEquals(ALICE_ICQ_NEW, h.store.find(ALICE).orElseThrow().credentials());
    assertEquals(1, h.store.all().size());
    assertEquals(new ContactStatus(ALICE, CAROL, LegacyStatus.OFFLINE, null),
        h.endpoint.events(ALICE, ContactStatus.class).get(0));
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE), h.endpoint.states(ALICE),
        "online with the new account at once, not at the next presence");
    assertEquals(2, h.network.loginCount(), "one login per account");
  }

  @Test
  void aRefusedNewAccountKeepsTheStoredRegistrationWhichLogsInAgain() {
    h.online(ALICE, ALICE_ICQ);

    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ_NEW);
    h.network.lastLogin().fail(LoginFailure.INVALID_ACCOUNT);

    assertTrue(result.isCompletedExceptionally());
    assertEquals(ALICE_ICQ, h.store.find(ALICE).orElseThrow().credentials());
    assertEquals(ALICE_ICQ, h.network.lastLogin().credentials());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void registeringAnotherAccountWhileOfflineIsCheckedAndTheNextPresenceUsesIt() {
    h.registered(ALICE, ALICE_ICQ);

    CompletableFuture<Registration> result = h.gateway.register(ALICE, ALICE_ICQ_NEW);
    FakeSession check = h.network.lastLogin().succeed();

    assertEquals(ALICE_ICQ_NEW, result.join().credentials());
    assertTrue(check.isClosed());
    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(ALICE_ICQ_NEW, h.network.lastLogin().credentials());
  }

  /** Issue #14: registering someone else's UIN used to log in with it and kick its owner's session. */
  @Test
  void anAccountRegisteredByAnotherUserIsAConflictAndItsOwnersSessionIsUntouched() {
    FakeSession owners = h.online(ALICE, ALICE_ICQ);

    CompletableFuture<Registration> result = h.gateway.register(BOB,
        new LegacyCredentials(ALICE_ICQ.account(), "guessing"));

    AccountTakenException taken = assertInstanceOf(AccountTakenException.class, GatewayHarness.failure(result));
    assertTrue(taken.getMessage().contains("100001") && !taken.getMessage().contains("alice"), taken.getMessage());
    assertEquals(1, h.network.loginCount(), "no login with the owner's account");
    assertFalse(owners.isClosed());
    assertEquals(Optional.empty(), h.store.find(BOB));
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  /** Issue #14: re-registering with the credentials of the live session used to log in again and kick it. */
  @Test
  void registeringAgainWithTheSameCredentialsKeepsTheSessionWithoutALogin() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.endpoint.clear();

    Registration registration = h.gateway.register(ALICE, ALICE_ICQ).join();

    assertEquals(ALICE_ICQ, registration.credentials());
    assertEquals(1, h.network.loginCount());
    assertFalse(session.isClosed());
    assertEquals(List.of(), h.endpoint.states(ALICE), "nothing changes for the user");
  }

  @Test
  void aNewPasswordReplacesTheLiveSessionOnceWithOneSignOffAndOneLogin() {
    FakeSession old = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactStatus(CAROL, LegacyStatus.ONLINE, null);
    LegacyCredentials newPassword = new LegacyCredentials(ALICE_ICQ.account(), "alice-Secret-changed");
    h.endpoint.clear();

    CompletableFuture<Registration> result = h.gateway.register(ALICE, newPassword);

    assertTrue(old.isClosed(), "signed off before the account logs in again");
    assertEquals(2, h.network.loginCount());
    assertEquals(newPassword, h.network.lastLogin().credentials());
    assertFalse(result.isDone());
    h.network.lastLogin().succeed();
    assertEquals(newPassword, result.join().credentials());
    assertEquals(newPassword, h.store.find(ALICE).orElseThrow().credentials());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE), h.endpoint.states(ALICE),
        "no 'signed on elsewhere', no offline: the session is simply replaced");
    assertEquals(2, h.network.loginCount());
  }

  @Test
  void aWrongNewPasswordFailsTheRegistrationAndTheStoredOneLogsInAgain() {
    h.online(ALICE, ALICE_ICQ);
    LegacyCredentials wrong = new LegacyCredentials(ALICE_ICQ.account(), "typo");

    CompletableFuture<Registration> result = h.gateway.register(ALICE, wrong);
    h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);

    assertEquals(LoginFailure.WRONG_PASSWORD,
        assertInstanceOf(LoginFailedException.class, GatewayHarness.failure(result)).failure());
    assertEquals(ALICE_ICQ, h.store.find(ALICE).orElseThrow().credentials());
    assertEquals(3, h.network.loginCount());
    assertEquals(ALICE_ICQ, h.network.lastLogin().credentials());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void unregisterEndsTheSessionAndDeletesTheRegistration() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactStatus(CAROL, LegacyStatus.AWAY, "lunch");

    assertTrue(h.gateway.unregister(ALICE).join());

    assertTrue(session.isClosed());
    assertEquals(LegacyStatus.OFFLINE, h.endpoint.events(ALICE, ContactStatus.class).get(1).status());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE, SessionState.OFFLINE), h.endpoint.states(ALICE));
    assertEquals(Optional.empty(), h.store.find(ALICE));
    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "hi"), Reason.NOT_CONNECTED, "not logged in");
    assertFalse(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertFalse(h.gateway.unregister(ALICE).join(), "nothing left to delete");
    assertEquals(1, h.network.loginCount());
  }

  @Test
  void thePasswordNeverReachesTheLog() {
    Logger logger = (Logger) LoggerFactory.getLogger("net.icqtransport");
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.ALL);
    try {
      h.gateway.register(ALICE, ALICE_ICQ).whenComplete((r, e) -> {});
      h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);
      h.gateway.register(ALICE, ALICE_ICQ);
      h.network.lastLogin().succeed();
      h.gateway.userAvailable(ALICE, "laptop", 1, LegacyStatus.ONLINE, null);
      h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);
      h.gateway.unregister(ALICE).join();
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }

    assertTrue(appender.list.size() >= 5, "the flow should be logged: " + appender.list);
    for (ILoggingEvent event : appender.list) {
      String line = event.getFormattedMessage() + " " + event.getThrowableProxy();
      assertFalse(line.contains(ALICE_ICQ.password()), line);
    }
    assertTrue(appender.list.stream().anyMatch(e -> e.getFormattedMessage().contains("100001")),
        "the account is logged");
  }
}
