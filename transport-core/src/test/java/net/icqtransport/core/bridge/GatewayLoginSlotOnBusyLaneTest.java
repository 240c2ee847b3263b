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
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.testing.FakeLegacyNetwork;
import net.icqtransport.core.testing.ManualExecutor;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.Test;

/**
 * Issue #20 (restart): a login leaves when the pacer hands out its slot, even while the user's lane is busy. At a
 * restart the lanes handle thousands of presences; logins that waited behind them left together once the lanes
 * were free, and the server refused them for its limit of logins per address though the pacer had kept below it.
 */
class GatewayLoginSlotOnBusyLaneTest {

  private static final UserAddress CAROL = new UserAddress("carol@example.org");
  private static final LegacyCredentials CAROL_ICQ =
      new LegacyCredentials(new LegacyContactId("100004"), "carol-Secret-1");

  /** The bridges' tasks run only when the test says: a lane that is busy with something else meanwhile. */
  private final ManualExecutor lanes = new ManualExecutor();
  private final GatewayHarness h = new GatewayHarness(2, 1, lanes); // one login every 500 ms

  @Test
  void loginsLeaveInTheirSlotsWhileTheLanesAreBusy() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    h.available(CAROL, CAROL_ICQ);
    lanes.runAll(); // alice logs in at once, bob and carol wait for their slots
    assertEquals(1, h.network.loginCount());

    h.scheduler.advance(Duration.ofMillis(500)); // the lanes are busy: nothing of theirs runs
    assertEquals(2, h.network.loginCount(), "bob's login leaves in his slot, not when his lane is free");
    assertEquals(BOB_ICQ, h.network.lastLogin().credentials());
    h.scheduler.advance(Duration.ofMillis(500));
    assertEquals(3, h.network.loginCount(), "carol's in hers");

    h.network.login(1).succeed();
    h.network.login(2).succeed();
    lanes.runAll();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(BOB).state());
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(CAROL).state());
  }

  /** Alice, bob and carol come online; alice logs in at once, and bob's login leaves in his slot 500 ms later. */
  private void bobsLoginLeavesInHisSlot() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    h.available(CAROL, CAROL_ICQ);
    lanes.runAll();
    h.scheduler.advance(Duration.ofMillis(500));
  }

  /** The login timeout counts from the slot, and the slot is the one a refusal slows the pacer down from. */
  @Test
  void theLaneKnowsTheSlotOfTheLoginThatLeftWithoutIt() {
    bobsLoginLeavesInHisSlot();
    lanes.runAll();
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");
    lanes.runAll();

    assertEquals(2 * LoginRateControl.DECREASE, h.pacer.loginsPerSecond(), 1e-9, "a refusal of a crowd");
    assertTrue(h.endpoint.lastState(BOB).detail().contains("tries again in 5 s"), h.endpoint.lastState(BOB).detail());

    h.scheduler.advance(Duration.ofMillis(600)); // carol's slot, at the lower rate
    lanes.runAll();
    FakeLegacyNetwork.Login carols = h.network.lastLogin();
    assertEquals(CAROL_ICQ, carols.credentials());
    h.scheduler.advance(Duration.ofSeconds(30));
    lanes.runAll();
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(CAROL).state(), "carol's login timed out");
  }

  /**
   * The server's answer reaches the pacer as it comes, not after the lane's queue: at a restart the lanes were
   * busy with thousands of presences while more logins left above the limit the refusal had shown (issue #20).
   */
  @Test
  void aRefusalSlowsTheLoginsDownWhileTheLaneIsBusy() {
    bobsLoginLeavesInHisSlot(); // the lanes are busy from here on
    h.network.lastLogin().fail(LoginFailure.RATE_LIMITED, "rate limit exceeded (error 0x001D)");

    assertEquals(2 * LoginRateControl.DECREASE, h.pacer.loginsPerSecond(), 1e-9, "before bob's lane ran");
    lanes.runAll();
    assertTrue(h.endpoint.lastState(BOB).detail().contains("tries again in 5 s"), h.endpoint.lastState(BOB).detail());
  }

  /** A user who went offline after the slot was handed out, before the lane saw it: that session is closed. */
  @Test
  void aSessionOpenedForAUserWhoLeftMeanwhileIsClosed() {
    h.available(ALICE, ALICE_ICQ);
    h.available(BOB, BOB_ICQ);
    lanes.runAll();
    h.scheduler.advance(Duration.ofMillis(500)); // bob's login leaves
    h.gateway.userUnavailable(BOB, "laptop");
    lanes.runAll(); // the lane sees the slot, then bob going away

    FakeLegacyNetwork.Login bobs = h.network.lastLogin();
    assertEquals(BOB_ICQ, bobs.credentials());
    bobs.succeed();
    lanes.runAll();
    assertTrue(bobs.session().isClosed(), "the late session is closed");
    assertTrue(h.endpoint.lastState(BOB).state() != SessionState.ONLINE, "bob is not shown online");
  }
}
