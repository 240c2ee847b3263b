package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.registration.PendingDelivery;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transport's shutdown ({@link BridgeGateway#shutdown()}, issue #21): what is under way finishes before the
 * sign-off, and nothing that reached a user's session is dropped. {@code shutdown()} waits for the bridges, so it
 * runs on a thread of its own here while the test plays the network.
 */
@Timeout(20)
class GatewayShutdownTest {
  private static final Instant SENT = Instant.parse("2024-06-03T08:00:00Z");

  private final GatewayHarness h = new GatewayHarness();

  /**
   * Issue #21: a message the network handed to alice's session while the shutdown closed it (the session reports
   * its end a moment after the close, as an OSCAR session does on its event loop) was dropped as an event of a
   * stale session, though ICQ counted it as delivered. It is kept for alice's next available presence, and the
   * next start (or, with several instances, the instance that gets that presence) delivers it.
   */
  @Test
  void aMessageThatReachesTheSessionAsTheShutdownClosesItIsKeptForTheNextPresence() throws Exception {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    Login login = h.network.lastLogin();
    session.reportEndLater();
    h.endpoint.clear();

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(h.gateway::shutdown);
    awaitTrue(session::isClosed, "the shutdown closes alice's session");
    login.message(CAROL, "arrived as it closed", SENT);
    session.reportEnd();
    shutdown.get(10, TimeUnit.SECONDS);

    List<PendingDelivery> kept = h.outbox.pending(ALICE);
    assertEquals(1, kept.size(), "kept: " + kept);
    assertEquals("arrived as it closed", kept.get(0).text());
    assertEquals(SENT, kept.get(0).sentAt());
    assertEquals(List.of(), h.endpoint.deliveredTexts(ALICE), "not handed to the endpoint after the sign-off");

    GatewayHarness next = new GatewayHarness(h.outbox, h.contactSync); // the next start, same database
    next.registered(ALICE, ALICE_ICQ);
    assertTrue(next.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null));
    assertEquals(List.of("arrived as it closed"), next.endpoint.writtenTexts(ALICE));
    assertEquals(0, next.outbox.count(ALICE));
  }

  /** A message handed to the session is confirmed by the server before the sign-off: its sender hears the truth. */
  @Test
  void aMessageUnderWayIsConfirmedBeforeTheSessionIsSignedOff() throws Exception {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    session.holdMessages();
    CompletableFuture<Void> message = h.gateway.sendMessage(ALICE, CAROL, "under way");
    int timers = h.scheduler.pendingCount();

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(h.gateway::shutdown);
    awaitTrue(() -> h.scheduler.pendingCount() > timers, "the shutdown waits for the server's answer");
    assertFalse(session.isClosed(), "not signed off while the message waits for the server");
    session.sent().get(0).result().complete(null); // the server's 04/0C
    shutdown.get(10, TimeUnit.SECONDS);

    assertTrue(message.isDone() && !message.isCompletedExceptionally(), "delivered, as the server said: " + message);
    assertTrue(session.isClosed());
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(ALICE).state());
    assertEquals(0, h.scheduler.pendingCount(), "no timer left: " + h.scheduler.pendingDelays());
  }

  /**
   * The server does not answer in time: the sign-off comes after {@link UserBridge#SETTLE_WAIT}, and the shutdown
   * still waits for the message's outcome (the closed session fails it), so its sender gets an answer before the
   * XMPP side closes.
   */
  @Test
  void withoutTheServersAnswerTheSignOffComesAfterAWhileAndTheSenderStillGetsAnAnswer() throws Exception {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    session.holdMessages();
    CompletableFuture<Void> message = h.gateway.sendMessage(ALICE, CAROL, "no answer");
    int timers = h.scheduler.pendingCount();

    CompletableFuture<Void> shutdown = CompletableFuture.runAsync(h.gateway::shutdown);
    awaitTrue(() -> h.scheduler.pendingCount() > timers, "the shutdown waits for the server's answer");
    h.scheduler.advance(UserBridge.SETTLE_WAIT);
    awaitTrue(session::isClosed, "signed off once the wait is over");
    assertFalse(shutdown.isDone(), "the message's outcome is still owed to its sender");
    session.sent().get(0).result().completeExceptionally(
        new MessageRejectedException(MessageRejectedException.Reason.NOT_CONNECTED, "not connected to ICQ"));
    shutdown.get(10, TimeUnit.SECONDS);

    GatewayHarness.assertRejected(message, MessageRejectedException.Reason.NOT_CONNECTED, "not connected");
  }

  @Test
  void withSeveralInstancesTheUserIsToldThatTheNextMessageLogsInAgain() {
    h.gateway.shareUsers();
    h.online(ALICE, ALICE_ICQ);

    h.gateway.shutdown();

    State last = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.OFFLINE, last.state());
    assertTrue(last.detail().contains("next message logs you in again"), last.detail());
    GatewayHarness.assertRejected(h.gateway.sendMessage(ALICE, CAROL, "late"), MessageRejectedException.Reason.NOT_CONNECTED,
        "send it again");
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s: " + what);
      }
      Thread.sleep(1);
    }
  }
}
