package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import org.junit.jupiter.api.Test;

/** What the gateway reports to its {@link net.icqtransport.core.metrics.TransportMetrics}. */
class GatewayMetricsTest {
  private final GatewayHarness h = new GatewayHarness();

  @Test
  void aSessionsLifeIsReportedAsStateChangesLoginsAndMessagesEachWay() {
    h.online(ALICE, ALICE_ICQ);
    h.gateway.sendMessage(ALICE, CAROL, "hi").join();
    h.network.lastLogin().message(CAROL, "hello");
    h.gateway.userUnavailable(ALICE, "laptop");

    assertEquals(List.of("OFFLINE->LOGGING_IN", "login", "LOGGING_IN->ONLINE", "to legacy", "from legacy",
        "ONLINE->OFFLINE"), h.metrics.events);
  }

  @Test
  void failedLoginsReconnectsAndBouncesAreCountedWithTheirReason() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.sendMessage(ALICE, CAROL, "nobody home");
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    h.network.lastLogin().fail(LoginFailure.NETWORK_ERROR);
    h.scheduler.advance(java.time.Duration.ofSeconds(2));
    h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);

    assertEquals(List.of("bounced", "OFFLINE->LOGGING_IN", "login failed NETWORK_ERROR", "reconnect",
        "LOGGING_IN->RECONNECTING", "RECONNECTING->LOGGING_IN", "login failed WRONG_PASSWORD",
        "LOGGING_IN->LOGIN_FAILED"), h.metrics.events);
  }

  @Test
  void registrationsAndUnregistrationsAreCounted() {
    var registering = h.gateway.register(ALICE, ALICE_ICQ);
    h.network.lastLogin().succeed();
    registering.join();
    h.gateway.unregister(ALICE).join();
    h.gateway.unregister(ALICE).join(); // nothing left to unregister: not counted

    assertEquals(List.of("registered", "unregistered"), h.metrics.events);
  }
}
