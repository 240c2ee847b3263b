package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.ManualExecutor;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;

/**
 * How presence calls reach a bridge while it signs off, with the interleavings a thread pool can produce
 * played out step by step.
 */
class GatewayRoutingTest {

  private final ManualExecutor pool = new ManualExecutor();
  private final GatewayHarness h = new GatewayHarness(pool);

  @Test
  void aSigningOffBridgeKeepsTheCallsRoutedAfterItsSignOff() {
    h.network.succeedEveryLogin();
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "a", 1, LegacyStatus.ONLINE, null);
    pool.runAll();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());

    // Routed, not run yet: the last resource leaves, another comes and leaves again.
    h.gateway.userAvailable(ALICE, "a", 1, LegacyStatus.OFFLINE, null);
    h.gateway.userAvailable(ALICE, "b", 1, LegacyStatus.ONLINE, null);
    h.gateway.userUnavailable(ALICE, "b");
    // While the bridge works through those, a third resource arrives and another pool thread is free.
    h.network.onNextOpen(() -> {
      h.gateway.userAvailable(ALICE, "c", 1, LegacyStatus.AWAY, "c");
      pool.runAll();
    });
    pool.runAll();

    List<Login> logins = h.network.logins();
    assertEquals(3, logins.size());
    assertTrue(logins.get(0).session().isClosed());
    assertTrue(logins.get(1).session().isClosed(), "b's login was abandoned by the next sign-off");
    assertFalse(logins.get(2).session().isClosed());
    assertEquals(List.of(SessionState.LOGGING_IN, SessionState.ONLINE, SessionState.OFFLINE,
            SessionState.LOGGING_IN, SessionState.OFFLINE, SessionState.LOGGING_IN, SessionState.ONLINE),
        h.endpoint.states(ALICE), "one bridge, one story");
    CompletableFuture<Void> sent = h.gateway.sendMessage(ALICE, CAROL, "hi");
    pool.runAll();
    sent.join();
    assertEquals(List.of("hi"), logins.get(2).session().sentTexts());
  }

  @Test
  void aResourceReturningBeforeTheSignOffRunsKeepsTheSameBridge() {
    h.network.succeedEveryLogin();
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "a", 1, LegacyStatus.ONLINE, null);
    pool.runAll();

    h.gateway.userUnavailable(ALICE, "a");
    h.gateway.userAvailable(ALICE, "a", 1, LegacyStatus.ONLINE, null);
    pool.runAll();

    assertEquals(2, h.network.loginCount());
    assertTrue(h.network.login(0).session().isClosed());
    assertFalse(h.network.login(1).session().isClosed());
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }
}
