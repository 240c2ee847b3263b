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
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages from ICQ while the XMPP side cannot take them, or that the user's server bounced (RFC 6120 §8.3),
 * are kept in the outbox (a real H2 file) and redelivered in order, with their time as the XEP-0203 delay
 * stamp, at the user's next available presence: the answer to the component's probe after a reconnection, or
 * the user's own return. Never before: a user not known to be there would only have them bounced.
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

  /** Alice's available presence, as the server's answer to the component's probe brings it again. */
  private void aliceAvailable() {
    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
  }

  private List<String> keptTexts(UserAddress user) {
    return h.outbox.pending(user).stream().map(PendingDelivery::text).toList();
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
    aliceAvailable();

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

    aliceAvailable();
    List<HeldDelivery> held = h.endpoint.heldDeliveries();
    assertEquals(1, held.size(), "one at a time");
    assertEquals(2, h.outbox.count(ALICE));

    held.get(0).result().complete(null);
    assertEquals(List.of("two"), keptTexts(ALICE));
    h.endpoint.heldDeliveries().get(1).result().completeExceptionally(new IllegalStateException("down again"));

    assertEquals(List.of("two"), keptTexts(ALICE),
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

    assertEquals(List.of("one", "two"), keptTexts(ALICE));
  }

  @Test
  void nothingIsLostAcrossARestart() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "before the crash");
    login.message(DAVE, "me too");

    start(); // a new gateway on the same database file
    h.registered(ALICE, ALICE_ICQ);
    assertEquals(List.of(), h.endpoint.events(ALICE));
    aliceAvailable(); // the answer to the probe after the start

    assertEquals(List.of("before the crash", "me too"), h.endpoint.writtenTexts(ALICE));
    assertNotNull(h.endpoint.written(ALICE).get(0).sentAt(), "delay-stamped");
    assertEquals(0, h.outbox.count(ALICE));
  }

  @Test
  void nothingIsRedeliveredUntilTheUserIsAvailable() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "one");
    login.message(DAVE, "two");
    h.endpoint.writeDeliveries(); // the link is back, but whether alice is there is not known yet

    assertEquals(List.of(), h.endpoint.writtenTexts(ALICE), "not written blindly when the link returns");
    assertEquals(List.of("one", "two"), keptTexts(ALICE));

    aliceAvailable(); // the probe's answer, or alice's own return

    assertEquals(List.of("one", "two"), h.endpoint.writtenTexts(ALICE));
    assertEquals(0, h.outbox.count(ALICE));
  }

  @Test
  void aUserWithoutABridgeGetsTheirsAtTheirNextPresence() {
    start();
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(CAROL, "kept");
    h.gateway.userUnavailable(ALICE, "laptop");
    assertEquals(List.of(), h.gateway.onlineUsers());
    h.endpoint.writeDeliveries();
    h.endpoint.clear();

    assertEquals(List.of(), h.endpoint.writtenTexts(ALICE), "no bridge, no login, nothing written while offline");
    assertEquals(1, h.network.loginCount());

    aliceAvailable();

    assertEquals(List.of("kept"), h.endpoint.writtenTexts(ALICE));
    assertEquals(2, h.network.loginCount(), "the presence logs in as usual");
  }

  @Test
  void keptMessagesComeWithThePresenceEvenBeforeTheLoginCompletes() {
    start();
    h.registered(BOB, BOB_ICQ);
    h.outbox.add(BOB, CAROL, "kept", SENT, SENT);

    assertTrue(h.gateway.userAvailable(BOB, "phone", 1, LegacyStatus.ONLINE, null));

    assertEquals(List.of(new Delivered(BOB, CAROL, "kept", SENT)), h.endpoint.written(BOB));
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(BOB).state());
  }

  @Test
  void aBouncedMessageIsKeptAgainWithItsTimeAndLaterOnesWaitUntilTheNextPresence() {
    start();
    Login login = online();
    login.message(CAROL, "written, then bounced");
    assertEquals(List.of("written, then bounced"), h.endpoint.writtenTexts(ALICE));

    h.gateway.undeliverable(ALICE, CAROL, "written, then bounced", SENT);
    login.message(DAVE, "while alice is away");
    login.message(CAROL, "still away");

    assertEquals(List.of("written, then bounced"), h.endpoint.writtenTexts(ALICE),
        "after a bounce nothing is written, not even on a new arrival: no retry loop");
    assertEquals(List.of("written, then bounced", "while alice is away", "still away"), keptTexts(ALICE));
    assertEquals(SENT, h.outbox.pending(ALICE).get(0).sentAt(), "the original time is kept");

    h.endpoint.clear();
    aliceAvailable();

    List<Delivered> written = h.endpoint.written(ALICE);
    assertEquals(List.of("written, then bounced", "while alice is away", "still away"),
        written.stream().map(Delivered::text).toList());
    assertEquals(SENT, written.get(0).sentAt(), "delay-stamped with its original time");
    assertNotNull(written.get(1).sentAt());
    assertEquals(0, h.outbox.count(ALICE));

    login.message(DAVE, "live again");
    assertEquals(new Delivered(ALICE, DAVE, "live again", null), h.endpoint.written(ALICE).get(3),
        "once everything is out, live messages go straight through, without a stamp");
  }

  @Test
  void aBounceStopsARedeliveryUnderWayAndTheBouncedMessageKeepsItsPlace() {
    start();
    h.online(ALICE, ALICE_ICQ);
    h.outbox.add(ALICE, CAROL, "one", SENT, SENT);
    h.outbox.add(ALICE, CAROL, "two", SENT.plusSeconds(1), SENT.plusSeconds(1));
    h.outbox.add(ALICE, CAROL, "three", SENT.plusSeconds(2), SENT.plusSeconds(2));
    h.endpoint.holdDeliveries();
    aliceAvailable();
    assertEquals(1, h.endpoint.heldDeliveries().size());

    h.gateway.undeliverable(ALICE, CAROL, "one", SENT); // the server bounced it at once
    h.endpoint.heldDeliveries().get(0).result().complete(null); // written

    assertEquals(1, h.endpoint.heldDeliveries().size(), "the redelivery stopped");
    assertEquals(List.of("one", "two", "three"), keptTexts(ALICE), "in their order");

    h.endpoint.writeDeliveries();
    h.endpoint.clear();
    aliceAvailable();
    assertEquals(List.of("one", "two", "three"), h.endpoint.writtenTexts(ALICE));
  }

  @Test
  void aBounceForAUserWithoutABridgeIsKeptForTheirNextPresence() {
    start();
    h.registered(BOB, BOB_ICQ);

    h.gateway.undeliverable(BOB, CAROL, "bounced after bob left", SENT);

    assertEquals(List.of(), h.gateway.onlineUsers(), "no bridge made for it");
    assertEquals(List.of("bounced after bob left"), keptTexts(BOB));
    assertTrue(h.gateway.userAvailable(BOB, "phone", 1, LegacyStatus.ONLINE, null));
    assertEquals(List.of(new Delivered(BOB, CAROL, "bounced after bob left", SENT)), h.endpoint.written(BOB));
  }

  @Test
  void withSharedUsersOnlyTheInstanceThatGetsThePresenceRedelivers() {
    start();
    GatewayHarness other = new GatewayHarness(h.outbox, h.contactSync); // another instance, same database
    h.gateway.shareUsers();
    other.gateway.shareUsers();
    h.registered(ALICE, ALICE_ICQ);
    other.registered(ALICE, ALICE_ICQ);
    h.outbox.add(ALICE, CAROL, "kept", SENT, SENT);

    aliceAvailable(); // the balancer routes alice's stanzas to this instance

    assertEquals(List.of("kept"), h.endpoint.writtenTexts(ALICE));
    assertEquals(List.of(), other.endpoint.events(ALICE), "the other instance does nothing for alice");
    assertEquals(0, h.outbox.count(ALICE));
    other.gateway.shutdown();
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
