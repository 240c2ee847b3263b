package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static net.icqtransport.core.bridge.GatewayHarness.assertRejected;
import static net.icqtransport.core.bridge.GatewayHarness.rejection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Sent;
import org.junit.jupiter.api.Test;

/** XEP-0100 §4.8: messages from the Jabber user to legacy contacts. */
class GatewayMessageTest {

  private final GatewayHarness h = new GatewayHarness();

  @Test
  void withoutABridgeTheUserIsToldToGoOnline() {
    h.registered(ALICE, ALICE_ICQ);
    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "hi"), Reason.NOT_CONNECTED, "not logged in to ICQ");
    assertRejected(h.gateway.sendMessage(GatewayHarness.BOB, CAROL, "hi"), Reason.NOT_CONNECTED, "Go online");
    assertEquals(0, h.network.loginCount());
  }

  @Test
  void whenOnlineTheSessionsOutcomeIsPassedThrough() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    session.holdMessages();

    CompletableFuture<Void> first = h.gateway.sendMessage(ALICE, CAROL, "one");
    CompletableFuture<Void> second = h.gateway.sendMessage(ALICE, DAVE, "two");
    List<Sent> sent = session.sent();
    assertEquals(List.of(new Sent(CAROL, "one", sent.get(0).result()), new Sent(DAVE, "two", sent.get(1).result())),
        sent);
    assertFalse(first.isDone(), "done only when the network took it");

    sent.get(0).result().complete(null);
    MessageRejectedException offline = new MessageRejectedException(Reason.RECIPIENT_UNAVAILABLE, "Dave is offline");
    sent.get(1).result().completeExceptionally(offline);

    first.join();
    assertSame(offline, rejection(second));
  }

  @Test
  void messagesQueuedWhileLoggingInAreSentInOrderAfterTheLogin() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    CompletableFuture<Void> one = h.gateway.sendMessage(ALICE, CAROL, "one");
    CompletableFuture<Void> two = h.gateway.sendMessage(ALICE, DAVE, "two");
    CompletableFuture<Void> three = h.gateway.sendMessage(ALICE, CAROL, "three");
    assertFalse(one.isDone() || two.isDone() || three.isDone());

    FakeSession session = h.network.lastLogin().succeed();
    h.gateway.sendMessage(ALICE, CAROL, "four").join();

    assertEquals(List.of("one", "two", "three", "four"), session.sentTexts());
    assertEquals(DAVE, session.sent().get(1).to());
    CompletableFuture.allOf(one, two, three).join();
    assertEquals(List.of(GatewayHarness.SETTINGS.shortSession()), h.scheduler.pendingDelays(),
        "expiry timers and login timeout are cancelled; only the session's short-lived mark is pending");
  }

  @Test
  void aFullQueueRejectsAtOnce() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    List<CompletableFuture<Void>> queued = List.of(
        h.gateway.sendMessage(ALICE, CAROL, "1"),
        h.gateway.sendMessage(ALICE, CAROL, "2"),
        h.gateway.sendMessage(ALICE, CAROL, "3"));

    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "4"), Reason.RATE_LIMITED, "too many messages waiting");

    assertTrue(queued.stream().noneMatch(CompletableFuture::isDone));
    FakeSession session = h.network.lastLogin().succeed();
    assertEquals(List.of("1", "2", "3"), session.sentTexts());
  }

  @Test
  void aQueuedMessageIsRejectedAfterWaitingTooLongEvenAcrossReconnects() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    CompletableFuture<Void> early = h.gateway.sendMessage(ALICE, CAROL, "early");
    h.scheduler.advance(Duration.ofSeconds(40)); // the login timed out at 30 s; retried at 32 s
    assertEquals(2, h.network.loginCount());
    CompletableFuture<Void> later = h.gateway.sendMessage(ALICE, CAROL, "later");

    h.scheduler.advance(Duration.ofSeconds(19));
    assertFalse(early.isDone());
    h.scheduler.advance(Duration.ofSeconds(1));

    assertRejected(early, Reason.NOT_CONNECTED, "still not logged in to ICQ after 1 min");
    assertFalse(later.isDone());
    FakeSession session = h.network.lastLogin().succeed();
    later.join();
    assertEquals(List.of("later"), session.sentTexts());
  }

  @Test
  void aRefusedLoginRejectsQueuedAndNewMessagesNamingTheReason() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    CompletableFuture<Void> queued = h.gateway.sendMessage(ALICE, CAROL, "queued");

    h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);

    assertRejected(queued, Reason.NOT_CONNECTED, "wrong password");
    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "new"), Reason.NOT_CONNECTED, "wrong password");
  }

  @Test
  void afterASignOnElsewhereMessagesAreRejectedAtOnce() {
    h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().closed(DisconnectReason.SIGNED_ON_ELSEWHERE, null);

    assertRejected(h.gateway.sendMessage(ALICE, CAROL, "hi"), Reason.NOT_CONNECTED, "another client signed on");
  }

  @Test
  void messagesWaitDuringAReconnect() {
    FakeSession first = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().closed(DisconnectReason.CONNECTION_LOST, "read timeout");
    CompletableFuture<Void> waiting = h.gateway.sendMessage(ALICE, CAROL, "are you there?");

    h.scheduler.advance(Duration.ofSeconds(2));
    FakeSession second = h.network.lastLogin().succeed();

    waiting.join();
    assertEquals(List.of(), first.sentTexts());
    assertEquals(List.of("are you there?"), second.sentTexts());
  }

  @Test
  void aSessionThatThrowsFailsOnlyThatMessage() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    IllegalStateException broken = new IllegalStateException("socket gone");
    session.throwOnNextSend(broken);

    CompletableFuture<Void> failed = h.gateway.sendMessage(ALICE, CAROL, "lost");
    h.gateway.sendMessage(ALICE, CAROL, "fine").join();

    assertSame(broken, failed.handle((v, e) -> e).join());
    assertEquals(List.of("fine"), session.sentTexts());
  }
}
