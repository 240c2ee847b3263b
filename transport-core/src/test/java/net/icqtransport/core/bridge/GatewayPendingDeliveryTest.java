package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.JdbcContactSyncStore;
import net.icqtransport.core.registration.JdbcPendingDeliveryStore;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.PendingDelivery;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.testing.RecordingEndpoint.HeldDelivery;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages from ICQ while the XMPP side cannot take them are kept in the outbox (a real H2 file) and
 * redelivered in order, with their time as the XEP-0203 delay stamp, after the XMPP side reconnects.
 */
@Timeout(20)
class GatewayPendingDeliveryTest {

  private static final Instant SENT = Instant.parse("2024-06-03T08:00:00Z");

  @TempDir
  Path dir;

  private HikariDataSource dataSource;
  private GatewayHarness h;

  private GatewayHarness start() {
    if (dataSource != null) {
      h.gateway.shutdown();
      dataSource.close();
    }
    dataSource = JdbcRegistrationStore.embeddedDataSource(dir.resolve("transport"));
    h = new GatewayHarness(new JdbcPendingDeliveryStore(dataSource), new JdbcContactSyncStore(dataSource));
    return h;
  }

  @AfterEach
  void close() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  private Login online() {
    h.online(ALICE, ALICE_ICQ);
    h.endpoint.clear();
    return h.network.lastLogin();
  }

  @Test
  void aFailedMessageIsKeptAndRedeliveredWithItsTime() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    Instant before = Instant.now();

    login.message(CAROL, "are you there?");
    login.message(DAVE, "delayed by the network", SENT);

    List<PendingDelivery> kept = h.outbox.pending(ALICE);
    assertEquals(List.of("are you there?", "delayed by the network"), kept.stream().map(PendingDelivery::text).toList());
    assertFalse(kept.get(0).sentAt().isBefore(before), "a live message is stamped with its arrival");
    assertEquals(SENT, kept.get(1).sentAt(), "the network's own time is kept");

    h.endpoint.writeDeliveries();
    h.endpoint.clear();
    h.gateway.redeliverPending();

    assertEquals(List.of(new Delivered(ALICE, CAROL, "are you there?", kept.get(0).sentAt()),
        new Delivered(ALICE, DAVE, "delayed by the network", SENT)), h.endpoint.written(ALICE));
    assertEquals(0, h.outbox.count(ALICE));
  }

  @Test
  void eachIsDeletedOnlyAfterItWasWritten() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "one");
    login.message(CAROL, "two");
    h.endpoint.holdDeliveries();

    h.gateway.redeliverPending();
    List<HeldDelivery> held = h.endpoint.heldDeliveries();
    assertEquals(1, held.size(), "one at a time");
    assertEquals(2, h.outbox.count(ALICE));

    held.get(0).result().complete(null);
    assertEquals(List.of("two"), h.outbox.pending(ALICE).stream().map(PendingDelivery::text).toList());
    h.endpoint.heldDeliveries().get(1).result().completeExceptionally(new IllegalStateException("down again"));

    assertEquals(List.of("two"), h.outbox.pending(ALICE).stream().map(PendingDelivery::text).toList(),
        "a failed redelivery keeps the message for the next one");
  }

  @Test
  void laterMessagesWaitBehindKeptOnesSoNoneOvertakes() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "one");
    h.endpoint.writeDeliveries(); // the link is back, but the XMPP side has not said so yet

    login.message(CAROL, "two");

    assertEquals(List.of("one", "two"), h.endpoint.writtenTexts(ALICE),
        "a new message tries the outbox first, and so heals a lone failure");
    assertEquals(0, h.outbox.count(ALICE));
  }

  @Test
  void aLateFailureKeepsItsPlace() {
    start();
    Login login = online();
    h.endpoint.holdDeliveries();
    login.message(CAROL, "one");
    login.message(CAROL, "two");
    List<HeldDelivery> held = h.endpoint.heldDeliveries();

    held.get(1).result().completeExceptionally(new IllegalStateException("down"));
    held.get(0).result().completeExceptionally(new IllegalStateException("down"));

    assertEquals(List.of("one", "two"), h.outbox.pending(ALICE).stream().map(PendingDelivery::text).toList());
  }

  @Test
  void nothingIsLostAcrossARestart() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "before the crash");
    login.message(DAVE, "me too");

    start(); // a new gateway on the same database file
    assertEquals(List.of(), h.endpoint.events(ALICE));
    h.gateway.redeliverPending();

    assertEquals(List.of("before the crash", "me too"), h.endpoint.writtenTexts(ALICE));
    assertNotNull(h.endpoint.written(ALICE).get(0).sentAt(), "delay-stamped");
    assertEquals(0, h.outbox.count(ALICE));
  }

  @Test
  void aUserWithoutABridgeGetsTheirsWithoutLoggingIn() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "kept");
    h.gateway.userUnavailable(ALICE, "laptop");
    assertEquals(List.of(), h.gateway.onlineUsers());
    h.endpoint.writeDeliveries();
    h.endpoint.clear();

    h.gateway.redeliverPending();

    assertEquals(List.of("kept"), h.endpoint.writtenTexts(ALICE));
    assertEquals(1, h.network.loginCount(), "no login for that");
    assertEquals(List.of(), h.gateway.onlineUsers(), "the bridge made for it is gone again");
    assertEquals(List.of(), h.endpoint.states(ALICE), "and it told the user nothing else");

    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(2, h.network.loginCount(), "the next presence logs in as usual");
  }

  @Test
  void aPresenceDuringRedeliveryKeepsTheBridge() {
    start();
    h.registered(BOB, BOB_ICQ);
    h.outbox.add(BOB, CAROL, "kept", SENT, SENT);
    h.endpoint.holdDeliveries();
    h.gateway.redeliverPending();
    assertEquals(List.of(BOB), h.gateway.onlineUsers());

    assertTrue(h.gateway.userAvailable(BOB, "phone", 1, LegacyStatus.ONLINE, null));
    h.endpoint.heldDeliveries().get(0).result().complete(null);

    assertEquals(List.of(BOB), h.gateway.onlineUsers());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(BOB).state());
  }

  @Test
  void aSignedOffBridgeFinishesItsDeliveriesBeforeItGoes() {
    start();
    Login login = online();
    h.endpoint.holdDeliveries();
    login.message(CAROL, "in flight");

    h.gateway.userUnavailable(ALICE, "laptop");
    assertEquals(List.of(ALICE), h.gateway.onlineUsers(), "still delivering");
    h.endpoint.heldDeliveries().get(0).result().completeExceptionally(new IllegalStateException("down"));

    assertEquals(List.of(), h.gateway.onlineUsers());
    assertEquals(1, h.outbox.count(ALICE));
  }
}
