package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static net.icqtransport.core.bridge.GatewayHarness.failure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.testing.FakeLegacyNetwork.Call;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The XMPP side's requests that need the user's legacy session: contact-list edits (XEP-0100 §6 roster
 * management), authorization, status messages, directory (XEP-0054, XEP-0055), avatars (XEP-0153), typing
 * (XEP-0085).
 */
@Timeout(10)
class GatewaySessionOperationsTest {

  private static final LegacyContact CAROL_ENTRY = new LegacyContact(CAROL, "Carol", "Friends");
  private static final AvatarId AVATAR = new AvatarId("00ff");

  private final GatewayHarness h = new GatewayHarness();

  /** Each operation as the XMPP side calls it for Alice, and the name the fake session records. */
  record Operation(String name, Function<Gateway, CompletableFuture<?>> call, Object answer) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Operation> operations() {
    return List.of(
        new Operation("addContact", g -> g.addContact(ALICE, CAROL_ENTRY, "please"), ContactAddResult.ADDED),
        new Operation("updateContact", g -> g.updateContact(ALICE, CAROL_ENTRY), null),
        new Operation("removeContact", g -> g.removeContact(ALICE, CAROL), null),
        new Operation("blockContact", g -> g.blockContact(ALICE, CAROL), null),
        new Operation("unblockContact", g -> g.unblockContact(ALICE, CAROL), null),
        new Operation("requestAuthorization", g -> g.requestAuthorization(ALICE, CAROL, "let me add you"), null),
        new Operation("answerAuthorization", g -> g.answerAuthorization(ALICE, CAROL, true, null), null),
        new Operation("fetchStatusMessage", g -> g.fetchStatusMessage(ALICE, CAROL), Optional.of("away")),
        new Operation("fetchUserInfo", g -> g.fetchUserInfo(ALICE, CAROL), LegacyUserInfo.named(CAROL, "Carol")),
        new Operation("search", g -> g.search(ALICE, LegacySearchQuery.byUin(CAROL)), List.of()),
        new Operation("fetchAvatar", g -> g.fetchAvatar(ALICE, CAROL, AVATAR), new byte[] {7}));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void reachesTheUsersOwnSessionAndPassesItsOutcomeThrough(Operation operation) {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    FakeSession bob = h.online(BOB, BOB_ICQ);

    CompletableFuture<?> result = operation.call().apply(h.gateway);

    assertEquals(List.of(), bob.calls());
    Call call = alice.lastCall();
    assertEquals(operation.name(), call.operation());
    assertEquals(CAROL, call.contact());
    assertFalse(result.isDone(), "done only when the session answers");
    call.result().complete(operation.answer());
    assertTrue(result.isDone(), "completed by the session's answer");
    assertSame(operation.answer(), result.join());
  }

  @ParameterizedTest
  @MethodSource("operations")
  void theSessionsFailureIsPassedThroughUnchanged(Operation operation) {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    CompletableFuture<?> result = operation.call().apply(h.gateway);
    IllegalStateException refused = new IllegalStateException("SSI error 0x0E");

    alice.lastCall().result().completeExceptionally(refused);

    assertSame(refused, failure(result));
  }

  @ParameterizedTest
  @MethodSource("operations")
  void anUnsupportedFeatureIsReportedAsSuch(Operation operation) {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    alice.supportNoOptionalFeature();

    Throwable failure = failure(operation.call().apply(h.gateway));

    assertInstanceOf(UnsupportedOperationException.class, failure);
    assertTrue(failure.getMessage().endsWith("not supported"), failure.getMessage());
  }

  @ParameterizedTest
  @MethodSource("operations")
  void withoutABridgeTheUserIsNotLoggedIn(Operation operation) {
    h.registered(ALICE, ALICE_ICQ);

    Throwable failure = failure(operation.call().apply(h.gateway));

    assertInstanceOf(NotLoggedInException.class, failure);
    assertTrue(failure.getMessage().startsWith("You are not logged in to ICQ (offline)"), failure.getMessage());
    assertEquals(0, h.network.loginCount());
  }

  @ParameterizedTest
  @MethodSource("operations")
  void whileLoggingInTheUserIsNotLoggedInAndToldWhy(Operation operation) {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);

    Throwable failure = failure(operation.call().apply(h.gateway));

    assertInstanceOf(NotLoggedInException.class, failure);
    assertTrue(failure.getMessage().contains("still logging in"), failure.getMessage());
  }

  @Test
  void whileReconnectingOrAfterARefusedLoginTheStateIsNamed() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().closed(DisconnectReason.CONNECTION_LOST, null);
    assertTrue(session.isClosed());

    Throwable reconnecting = failure(h.gateway.fetchUserInfo(ALICE, CAROL));
    assertTrue(reconnecting.getMessage().contains("(reconnecting)"), reconnecting.getMessage());

    h.scheduler.advance(GatewayHarness.SETTINGS.reconnectMinDelay()); // the first retry comes at the floor
    assertEquals(2, h.network.loginCount());
    h.network.lastLogin().fail(LoginFailure.WRONG_PASSWORD);
    Throwable refused = failure(h.gateway.fetchUserInfo(ALICE, CAROL));
    assertInstanceOf(NotLoggedInException.class, refused);
    assertTrue(refused.getMessage().contains("the login failed"), refused.getMessage());
  }

  @Test
  void operationsReachTheSessionInOrderWithMessages() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    h.gateway.sendMessage(ALICE, CAROL, "one");
    h.gateway.addContact(ALICE, new LegacyContact(DAVE, "Dave", null), null);
    h.gateway.sendTyping(ALICE, DAVE, TypingState.TYPING);
    h.gateway.sendMessage(ALICE, DAVE, "two");
    h.gateway.fetchUserInfo(ALICE, DAVE);

    assertEquals(List.of(
        "sendMessage 200001", "addContact 200002", "sendTyping 200002 TYPING", "sendMessage 200002",
        "fetchUserInfo 200002"), alice.operations());
  }

  @Test
  void anOperationQueuedBehindTheLastSignOffSeesTheUserOffline() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    h.gateway.userUnavailable(ALICE, "laptop");

    Throwable failure = failure(h.gateway.fetchStatusMessage(ALICE, CAROL));

    assertInstanceOf(NotLoggedInException.class, failure);
    assertEquals(List.of(), alice.calls());
  }

  @Test
  void typingIsSentWhenOnlineAndDroppedOtherwise() {
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.sendTyping(ALICE, CAROL, TypingState.TYPING); // no bridge
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    h.gateway.sendTyping(ALICE, CAROL, TypingState.PAUSED); // logging in
    FakeSession alice = h.network.lastLogin().succeed();

    h.gateway.sendTyping(ALICE, CAROL, TypingState.STOPPED);

    assertEquals(List.of("sendTyping 200001 STOPPED"), alice.operations());
  }

  @Test
  void valuesComeBackTyped() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    CompletableFuture<Optional<String>> away = h.gateway.fetchStatusMessage(ALICE, CAROL);
    alice.lastCall().result().complete(Optional.of("at lunch"));
    CompletableFuture<byte[]> avatar = h.gateway.fetchAvatar(ALICE, CAROL, AVATAR);
    alice.lastCall().result().complete(new byte[] {1, 2, 3});
    CompletableFuture<List<LegacyUserInfo>> found = h.gateway.search(ALICE, LegacySearchQuery.byUin(CAROL));
    alice.lastCall().result().complete(List.of(LegacyUserInfo.named(CAROL, "Carol")));

    assertEquals(Optional.of("at lunch"), away.join());
    assertArrayEquals(new byte[] {1, 2, 3}, avatar.join());
    assertEquals(List.of(LegacyUserInfo.named(CAROL, "Carol")), found.join());
    assertEquals(AVATAR, alice.calls().get(1).argument());
  }

  @Test
  void contactsFollowTheListItsUpdatesAndTheUsersOwnEdits() {
    assertEquals(List.of(), h.gateway.contacts(ALICE));
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    LegacyContact dave = new LegacyContact(DAVE, "Dave", null);
    h.network.lastLogin().contactList(CAROL_ENTRY, dave);
    assertEquals(List.of(CAROL_ENTRY, dave), h.gateway.contacts(ALICE));

    LegacyContact renamed = new LegacyContact(CAROL, "Carol B.", "Work");
    h.network.lastLogin().contactUpdated(renamed);
    h.network.lastLogin().contactRemoved(DAVE);
    assertEquals(List.of(renamed), h.gateway.contacts(ALICE));

    LegacyContact erin = new LegacyContact(new LegacyContactId("200005"), "Erin", null);
    CompletableFuture<ContactAddResult> added = h.gateway.addContact(ALICE, erin, "hi");
    assertEquals(List.of(renamed), h.gateway.contacts(ALICE), "not before the server said yes");
    alice.lastCall().result().complete(ContactAddResult.AUTHORIZATION_REQUESTED);
    assertEquals(ContactAddResult.AUTHORIZATION_REQUESTED, added.join());
    assertEquals(List.of(renamed, new LegacyContact(erin.id(), "Erin", null, true)), h.gateway.contacts(ALICE),
        "complete only after the list was updated");

    h.gateway.removeContact(ALICE, CAROL);
    alice.lastCall().result().complete(null);
    LegacyContact moved = new LegacyContact(erin.id(), "Erin", "Work");
    h.gateway.updateContact(ALICE, moved);
    alice.lastCall().result().complete(null);
    assertEquals(List.of(moved), h.gateway.contacts(ALICE));

    h.gateway.userUnavailable(ALICE, "laptop");
    assertEquals(List.of(), h.gateway.contacts(ALICE), "empty while not logged in");
  }

  @Test
  void contactsAreEmptiedWhenTheSessionIsLost() {
    h.online(ALICE, ALICE_ICQ);
    h.network.lastLogin().contactList(CAROL_ENTRY);

    h.network.lastLogin().closed(DisconnectReason.CONNECTION_LOST, null);

    assertEquals(List.of(), h.gateway.contacts(ALICE));
  }

  @Test
  void onlineUsersAreThoseWithABridge() {
    assertEquals(List.of(), h.gateway.onlineUsers());
    h.online(BOB, BOB_ICQ);
    h.registered(ALICE, ALICE_ICQ);
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null); // still logging in

    assertEquals(List.of(ALICE, BOB), h.gateway.onlineUsers());

    h.gateway.userUnavailable(BOB, "laptop");
    assertEquals(List.of(ALICE), h.gateway.onlineUsers());
  }

  @Test
  void theSixArgumentConstructorStillWorks() {
    BridgeGateway plain = new BridgeGateway(
        h.network, h.store, h.endpoint, h.scheduler, MoreExecutors.directExecutor(), GatewayHarness.SETTINGS);
    h.registered(ALICE, ALICE_ICQ);
    plain.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    FakeSession alice = h.network.lastLogin().succeed();

    plain.fetchUserInfo(ALICE, CAROL);
    assertEquals("fetchUserInfo", alice.lastCall().operation());
    assertInstanceOf(NotLoggedInException.class, failure(plain.fetchUserInfo(BOB, CAROL)));
  }
}
