package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.testing.FakeLegacyNetwork;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.Test;

/** Users coming online together log in one slot apart; retries after a refusal wait for a slot too. */
class GatewayLoginPacingTest {

  private static final UserAddress CAROL = new UserAddress("carol@example.org");
  private static final LegacyCredentials CAROL_ICQ =
      new LegacyCredentials(new LegacyContactId("100004"), "carol-Secret-1");

  private final GatewayHarness h = new GatewayHarness(2); // one login every 500 ms

  @Test
  void usersOnlineAtOnceLogInHalfASecondApart() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    h.available(CAROL, CAROL_ICQ);

    assertEquals(1, h.network.loginCount(), "the first login starts at once");
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(BOB).state(), "bob is told he is logging in");
    h.scheduler.advance(Duration.ofMillis(499));
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(3, h.network.loginCount());
  }

  /**
   * The logins the server accepted reach the pacer from the bridges, so that a refusal teaches what the server
   * took in the second before it (issue #20): here 5 of the 8 logins of that second, not the 7 slots before the
   * refused one.
   */
  @Test
  void aRefusalTeachesTheLoginsTheServerAcceptedInTheSecondBefore() {
    GatewayHarness fast = new GatewayHarness(10);
    for (int i = 0; i < 8; i++) {
      fast.available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    fast.scheduler.advance(Duration.ofMillis(700));
    assertEquals(8, fast.network.loginCount());
    for (int i = 0; i < 5; i++) {
      fast.network.login(i).succeed();
    }
    fast.network.login(7).fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");

    assertEquals(5.0, fast.pacer.learned().orElseThrow().refusedAt().orElseThrow(), 1e-9);
  }

  @Test
  void theLoginTimeoutCountsFromTheStartOfTheLoginNotFromTheWait() {
    for (int i = 0; i < 10; i++) {
      h.available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    h.scheduler.advance(Duration.ofMillis(4500)); // the last one starts now
    assertEquals(10, h.network.loginCount());
    h.scheduler.advance(Duration.ofSeconds(29));
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(new UserAddress("user9@example.org")).state(),
        "30 s to log in from its own start");
  }

  /**
   * The server said "rate limit exceeded, try again in a few minutes" (0x001D) to a login that came alone: most
   * likely the account's own lockout (logins elsewhere), which every early retry extends. The user waits the
   * configured 5 minutes, not the 2 s of a network failure; the pace of the others' logins says nothing about it
   * and stays.
   */
  @Test
  void aLoneLoginRefusedForTheRateLimitWaitsMinutesAndLeavesThePaceAlone() {
    h.available(ALICE, ALICE_ICQ);
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded, try again in a few minutes (error 0x001D)");
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state());
    assertTrue(h.endpoint.lastState(ALICE).detail().contains("waits 5 min"), h.endpoint.lastState(ALICE).detail());
    assertEquals(2, h.pacer.loginsPerSecond());
    h.network.succeedEveryLogin();
    h.scheduler.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 3; i++) { // at 1, 1.5 and 2 s: the configured rate
      h.available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    assertEquals(2, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(3, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(4, h.network.loginCount());

    h.scheduler.advance(Duration.ofMinutes(5).minusMillis(2000).minusMillis(1));
    assertEquals(4, h.network.loginCount(), "no retry before the configured wait");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(5, h.network.loginCount());
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  /**
   * The registration check and the login of one account, one slot apart, are no crowd: a refusal of the second is
   * most likely that account's lockout (logins elsewhere, or these two), and waits the long wait.
   */
  @Test
  void oneAccountsLoginsInARowAreNoCrowd() {
    h.gateway.register(ALICE, ALICE_ICQ);
    h.network.lastLogin().succeed();
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(2, h.network.loginCount());
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");
    assertTrue(h.endpoint.lastState(ALICE).detail().contains("waits 5 min"), h.endpoint.lastState(ALICE).detail());
    assertEquals(2, h.pacer.loginsPerSecond());
  }

  @Test
  void refusalsInARowWaitLongerEachTimeAndNeverLessThanTheConfiguredWait() {
    h.available(ALICE, ALICE_ICQ);
    Duration previous = Duration.ZERO;
    for (int refusal = 0; refusal < 4; refusal++) {
      h.network.lastLogin().fail(LoginFailure.RATE_LIMITED);
      Duration wait = h.scheduler.pendingDelays().get(0);
      assertTrue(wait.compareTo(Duration.ofMinutes(5)) >= 0, wait::toString);
      assertTrue(wait.compareTo(Duration.ofMinutes(5L << refusal)) <= 0, wait::toString);
      int logins = h.network.loginCount();
      h.scheduler.advance(wait.minusMillis(1));
      assertEquals(logins, h.network.loginCount(), "not before " + wait);
      h.scheduler.advance(Duration.ofMillis(1)); // alone, alice finds the pacer's slot free
      assertEquals(logins + 1, h.network.loginCount());
      previous = wait;
    }
    assertTrue(previous.compareTo(Duration.ofMinutes(5)) >= 0);
  }

  /**
   * A refusal of a login that waited for its slot among others is the transport's own pace overshooting the
   * server's limit of logins per address (one address for all users): every login slows down, and that user,
   * refused for the first time, tries again in 5 s through the pacer instead of waiting 5 minutes.
   */
  @Test
  void aRefusalOfACrowdSlowsEveryLoginDownAndThatUserTriesAgainSoon() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    h.available(CAROL, CAROL_ICQ);
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(BOB_ICQ, h.network.lastLogin().credentials());
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");

    assertEquals(2 * LoginRateControl.DECREASE, h.pacer.loginsPerSecond(), 1e-9, "every login slows down");
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(BOB).state());
    String detail = h.endpoint.lastState(BOB).detail();
    assertTrue(detail.contains("0x001D") && detail.contains("faster than the ICQ server takes from one address")
        && detail.contains("tries again in 5 s"), detail);
    h.network.succeedEveryLogin();
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(3, h.network.loginCount(), "carol in her slot");

    h.scheduler.advance(Duration.ofMillis(4499));
    assertEquals(3, h.network.loginCount(), "not before 5 s");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(4, h.network.loginCount());
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(BOB).state());
    h.available(new UserAddress("dave@example.org"), new LegacyCredentials(new LegacyContactId("100005"), "d-1"));
    assertTrue(h.endpoint.lastState(new UserAddress("dave@example.org")).detail().contains("slowed down to 1.7"),
        "the users who wait are told why");
  }

  /**
   * No retries into a lockout: an account refused a second time waits the long wait, though its login was again
   * one of a crowd.
   */
  @Test
  void anAccountRefusedTwiceInACrowdWaitsTheLongWait() {
    List<Duration> bobsLogins = new ArrayList<>();
    for (int i = 0; i < 30; i++) { // 15 s and more of logins at 2 per second; bob is the sixth
      if (i == 5) {
        h.available(BOB, BOB_ICQ);
      }
      h.available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }
    settle(h, Duration.ofSeconds(30), bobsLogins); // everyone else gets in, bob is refused whenever he tries

    assertEquals(2, bobsLogins.size(), "one early retry: " + bobsLogins);
    assertEquals(Duration.ofMillis(2500), bobsLogins.get(0), "his slot");
    assertTrue(bobsLogins.get(1).compareTo(Duration.ofMillis(7500)) > 0, "5 s later, through the pacer's queue: "
        + bobsLogins.get(1));
    String detail = h.endpoint.lastState(BOB).detail();
    assertTrue(detail.contains("waits 5 min") && detail.contains("so as not to extend the lockout"), detail);
    Duration secondRefusal = bobsLogins.get(1);
    settle(h, Duration.ofMinutes(5), bobsLogins);
    assertEquals(3, bobsLogins.size());
    assertTrue(bobsLogins.get(2).minus(secondRefusal).compareTo(Duration.ofMinutes(5)) >= 0, bobsLogins::toString);
  }

  /**
   * Advances the clock by {@code duration} in steps of 10 ms, completing each login made: bob's are refused for
   * the rate limit (their times noted in {@code bobsLogins}), everyone else's succeed.
   */
  private static void settle(GatewayHarness h, Duration duration, List<Duration> bobsLogins) {
    for (long step = 0; step < duration.toMillis() / 10; step++) {
      for (FakeLegacyNetwork.Login login : h.network.logins()) {
        if (!login.isPending()) {
          continue;
        }
        if (login.credentials().equals(BOB_ICQ)) {
          bobsLogins.add(Duration.ofNanos(h.scheduler.nanoTime()));
          login.fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");
        } else {
          login.succeed();
        }
      }
      h.scheduler.advance(Duration.ofMillis(10));
    }
  }

  /** Issue #14: the credentials check of a registration used to log in outside the pacing. */
  @Test
  void theCredentialsCheckOfARegistrationWaitsForItsSlotToo() {
    h.available(ALICE, ALICE_ICQ);
    h.gateway.register(BOB, BOB_ICQ);
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(499));
    assertEquals(1, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(2, h.network.loginCount());
    assertEquals(BOB_ICQ, h.network.lastLogin().credentials());
  }

  @Test
  void aUserWhoLeavesWhileWaitingForTheSlotDoesNotLogInAndTheNextTakesTheSlot() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    h.available(CAROL, CAROL_ICQ);
    h.gateway.userUnavailable(BOB, "laptop");
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(2, h.network.loginCount());
    assertEquals(CAROL_ICQ, h.network.lastLogin().credentials());
    h.scheduler.advance(Duration.ofSeconds(5));
    assertEquals(2, h.network.loginCount());
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
    h.registered(BOB, BOB_ICQ);
    h.registered(CAROL, CAROL_ICQ);
    for (UserAddress user : new UserAddress[] {ALICE, BOB, CAROL}) {
      h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
    }
    assertEquals(3, h.network.loginCount(), "a burst of three");
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)"); // carol's
    h.network.succeedEveryLogin();
    for (int i = 0; i < 3; i++) {
      UserAddress user = new UserAddress("user" + i + "@example.org");
      h.registered(user, new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
      h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
    }
    assertEquals(3, h.network.loginCount(), "no burst after the refusal");
    // The burst of three pushed the theoretical slot to 1.5 s; from there one every 1/1.7 s.
    h.scheduler.advance(Duration.ofMillis(1499));
    assertEquals(3, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(4, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(588));
    assertEquals(4, h.network.loginCount(), "slowed down from one per 500 ms");
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(5, h.network.loginCount());
  }
}
