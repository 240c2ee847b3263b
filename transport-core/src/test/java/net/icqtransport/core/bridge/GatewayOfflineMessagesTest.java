package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.testing.RecordingEndpoint.HeldDelivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages the ICQ server stored while the user was offline (SNAC 15/03 type 0x0041): passed on with their
 * time as the delay stamp (XEP-0203), deleted on the server (15/02 type 0x003E) only once all were written.
 */
@Timeout(10)
class GatewayOfflineMessagesTest {

  private static final Instant MONDAY = Instant.parse("2024-06-03T08:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2024-06-04T08:00:00Z");

  private final GatewayHarness h = new GatewayHarness();
  private final AtomicInteger confirmations = new AtomicInteger();
  private final DeliveryConfirmation confirmation = confirmations::incrementAndGet;

  private Login online() {
    h.online(ALICE, ALICE_ICQ);
    h.endpoint.clear();
    return h.network.lastLogin();
  }

  @Test
  void confirmedOnlyOnceEveryMessageWasWritten() {
    Login login = online();
    h.endpoint.holdDeliveries();

    login.offlineMessages(confirmation,
        new OfflineMessage(CAROL, "while you were out", MONDAY), new OfflineMessage(DAVE, "ping", TUESDAY));

    List<HeldDelivery> held = h.endpoint.heldDeliveries();
    assertEquals(List.of(new Delivered(ALICE, CAROL, "while you were out", MONDAY),
        new Delivered(ALICE, DAVE, "ping", TUESDAY)), held.stream().map(HeldDelivery::message).toList());
    held.get(1).result().complete(null);
    assertEquals(0, confirmations.get(), "the first is not written yet");
    held.get(0).result().complete(null);
    assertEquals(1, confirmations.get());
  }

  @Test
  void notConfirmedWhenOneFails() {
    Login login = online();
    h.endpoint.holdDeliveries();

    login.offlineMessages(confirmation,
        new OfflineMessage(CAROL, "one", MONDAY), new OfflineMessage(CAROL, "two", TUESDAY));
    List<HeldDelivery> held = h.endpoint.heldDeliveries();
    held.get(0).result().completeExceptionally(new IllegalStateException("XMPP link down"));
    held.get(1).result().complete(null);

    assertEquals(0, confirmations.get());
    assertEquals(0, h.outbox.count(ALICE), "the server keeps them; keeping them here too would double them");
  }

  @Test
  void notConfirmedWhenAllFail() {
    Login login = online();
    h.endpoint.failDeliveries();

    login.offlineMessages(confirmation, new OfflineMessage(CAROL, "one", MONDAY));

    assertEquals(0, confirmations.get());
  }

  @Test
  void anEmptyBatchIsConfirmed() {
    online().offlineMessages(confirmation);

    assertEquals(1, confirmations.get());
  }

  @Test
  void offlineMessagesComeBeforeLaterLiveMessages() {
    Login login = online();
    h.endpoint.holdDeliveries();

    login.offlineMessages(confirmation, new OfflineMessage(CAROL, "old", MONDAY));
    login.message(CAROL, "new");

    assertEquals(List.of("old", "new"), h.endpoint.deliveredTexts(ALICE));
    h.endpoint.heldDeliveries().forEach(held -> held.result().complete(null));
    assertEquals(List.of("old", "new"), h.endpoint.writtenTexts(ALICE));
    assertEquals(1, confirmations.get());
  }

  @Test
  void offlineMessagesOfAClosedSessionAreNotConfirmed() {
    Login login = online();
    login.closed(DisconnectReason.CONNECTION_LOST, null);

    login.offlineMessages(confirmation, new OfflineMessage(CAROL, "late", MONDAY));

    assertEquals(List.of(), h.endpoint.deliveredTexts(ALICE));
    assertEquals(0, confirmations.get());
  }

  @Test
  void whileTheOutboxIsInUseTheyJoinItAndAreConfirmedOnceKept() {
    Login login = online();
    h.endpoint.failDeliveries();
    login.message(DAVE, "kept first");
    assertEquals(1, h.outbox.count(ALICE));

    login.offlineMessages(confirmation, new OfflineMessage(CAROL, "old", MONDAY));

    assertEquals(1, confirmations.get(), "the outbox is as durable as the server's storage");
    assertEquals(List.of("kept first", "old"), h.outbox.pending(ALICE).stream().map(p -> p.text()).toList());
    assertEquals(MONDAY, h.outbox.pending(ALICE).get(1).sentAt());
  }
}
