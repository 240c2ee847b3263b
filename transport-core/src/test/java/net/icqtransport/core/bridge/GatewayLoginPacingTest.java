package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static org.junit.jupiter.api.Assertions.assertEquals;

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

  @Test
  void aRetryAfterARateLimitRefusalWaitsForASlotToo() {
    available(ALICE, ALICE_ICQ);
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED);
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state());
    for (int i = 0; i < 5; i++) { // they take the slots at 0.5, 1, 1.5, 2 and 2.5 s
      available(new UserAddress("user" + i + "@example.org"),
          new LegacyCredentials(new LegacyContactId(String.valueOf(200100 + i)), "pw-" + i));
    }

    h.scheduler.advance(Duration.ofMillis(2999)); // alice's backoff ends at 2 s; the next free slot is at 3 s
    assertEquals(6, h.network.loginCount());
    h.scheduler.advance(Duration.ofMillis(1));
    assertEquals(7, h.network.loginCount());
    assertEquals(SessionState.LOGGING_IN, h.endpoint.lastState(ALICE).state());
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
}
