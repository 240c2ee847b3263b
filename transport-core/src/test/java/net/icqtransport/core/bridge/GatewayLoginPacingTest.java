package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.Test;

/** Users coming online together log in one slot apart; retries after a refusal wait for a slot too. */
class GatewayLoginPacingTest {

  private static final UserAddress CAROL = new UserAddress("carol@example.org");
  private static final LegacyCredentials CAROL_ICQ =
      new LegacyCredentials(new LegacyContactId("100004"), "carol-Secret-1");

  private final GatewayHarness h = new GatewayHarness(2); // one login every 500 ms

  private void available(UserAddress user, LegacyCredentials credentials) {
    h.registered(user, credentials);
    h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
  }

  @Test
  void usersOnlineAtOnceLogInHalfASecondApart() {
    available(ALICE, ALICE_ICQ);
    available(BOB, BOB_ICQ);
    available(CAROL, CAROL_ICQ);

    assertEquals(1, h.network.loginCount(), "the first login starts at once");
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(BOB).state(), "bob is told he is logging in");
    h.scheduler.advance(Duration.ofMillis(499));
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(3, h.network.loginCount());
  }

  @Test
  void theLoginTimeoutCountsFromTheStartOfTheLoginNotFromTheWait() {
    for (int i = 0; i < 10; i++) {
      available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    h.scheduler.advance(Duration.ofMillis(4500)); // the last one starts now
    assertEquals(10, h.network.loginCount());
    h.scheduler.advance(Duration.ofSeconds(29));
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(new UserAddress("user9@example.org")).state(),
        "30 s to log in from its own start");
  }

  /**
   * The server said "rate limit exceeded, try again in a few minutes" (0x001D): the user waits the configured
   * 5 minutes, not the 2 s of a network failure, and every other login of the transport slows down, since real
   * servers count logins per source address too.
   */
  @Test
  void aRateLimitRefusalWaitsMinutesAndSlowsEveryLogin() {
    available(ALICE, ALICE_ICQ);
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded, try again in a few minutes (error 0x001D)");
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state());
    assertTrue(h.endpoint.lastState(ALICE).detail().contains("waits 5 min"), h.endpoint.lastState(ALICE).detail());
    h.network.succeedEveryLogin();
    for (int i = 0; i < 3; i++) { // one per second now, not one per 500 ms: at 0.5, 1.5 and 2.5 s
      available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    assertTrue(h.endpoint.lastState(new UserAddress("user2@example.org")).detail().contains("slowed down"),
        "the user is told why the login waits");
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(2, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(999));
    assertEquals(2, h.network.loginCount(), "not half a second later, as at the configured rate");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(3, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1000));
    assertEquals(4, h.network.loginCount());

    h.scheduler.advance(Duration.ofMinutes(5).minusMillis(2500).minusMillis(1));
    assertEquals(4, h.network.loginCount(), "no retry before the configured wait");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(5, h.network.loginCount());
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void refusalsInARowWaitLongerEachTimeAndNeverLessThanTheConfiguredWait() {
    available(ALICE, ALICE_ICQ);
    Duration previous = Duration.ZERO;
    for (int refusal = 0; refusal < 4; refusal++) {
      h.network.lastLogin().fail(LoginFailure.RATE_LIMITED);
      Duration wait = h.scheduler.pendingDelays().get(0);
      assertTrue(wait.compareTo(Duration.ofMinutes(5)) >= 0, wait::toString);
      assertTrue(wait.compareTo(Duration.ofMinutes(5L << refusal)) <= 0, wait::toString);
      int logins = h.network.loginCount();
      h.scheduler.advance(wait.minusMillis(1));
      assertEquals(logins, h.network.loginCount(), "not before " + wait);
      h.scheduler.advance(Duration.ofMillis(1)); // alone, alice finds the slowed pacer's slot free
      assertEquals(logins + 1, h.network.loginCount());
      previous = wait;
    }
    assertTrue(previous.compareTo(Duration.ofMinutes(5)) >= 0);
  }

  /** Issue #14: the credentials check of a registration used to log in outside the pacing. */
  @Test
  void theCredentialsCheckOfARegistrationWaitsForItsSlotToo() {
    available(ALICE, ALICE_ICQ);
    h.gateway.register(BOB, BOB_ICQ);
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(499));
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, h.network.loginCount());
    assertEquals(BOB_ICQ, h.network.lastLogin().credentials());
  }

  @Test
  void aUserWhoLeavesWhileWaitingForTheSlotDoesNotLogIn() {
    available(ALICE, ALICE_ICQ);
    available(BOB, BOB_ICQ);
    h.gateway.userUnavailable(BOB, "laptop");
    h.scheduler.advance(Duration.ofSeconds(5));
    assertEquals(1, h.network.loginCount());
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(BOB).state());
  }

  /**
   * Issue #21: the users of a stopped instance come to a survivor all at once; with a burst allowance they log
   * in at once instead of one interval apart, and those beyond the burst keep to the rate.
   */
  @Test
  void aTakeOverOfSeveralUsersLogsThemInAtOnceWithinTheBurst() {
    GatewayHarness h = new GatewayHarness(2, 3);
    UserAddress dave = new UserAddress("dave@example.org");
    h.registered(ALICE, ALICE_ICQ);
    h.registered(BOB, BOB_ICQ);
    h.registered(CAROL, CAROL_ICQ);
    h.registered(dave, new LegacyCredentials(new LegacyContactId("100005"), "dave-Secret-1"));
    for (UserAddress user : new UserAddress[] {ALICE, BOB, CAROL, dave}) {
      h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
    }
    assertEquals(3, h.network.loginCount(), "the burst of three starts at once");
    h.scheduler.advance(Duration.ofMillis(499));
    assertEquals(3, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(4, h.network.loginCount(), "the fourth at the configured rate");
  }

  @Test
  void aRateLimitRefusalDuringABurstMakesTheRestWaitForTheSlowedSlots() {
    GatewayHarness h = new GatewayHarness(2, 10);
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");
    h.network.succeedEveryLogin();
    for (int i = 0; i < 3; i++) {
      UserAddress user = new UserAddress("user" + i + "@example.org");
      h.registered(user, new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
      h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
    }
    assertEquals(1, h.network.loginCount(), "no burst after the refusal");
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(2, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(999));
    assertEquals(2, h.network.loginCount(), "one per second now");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(3, h.network.loginCount());
  }
}
