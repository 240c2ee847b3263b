package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;

/**
 * The registration store unreachable for a while (the database is down): users already online keep their
 * sessions, a registration fails without storing anything, and a registered user coming online is told and
 * logged in once the store answers again. The end-to-end proof with a real PostgreSQL is
 * {@code DatabaseOutageEndToEndTest}.
 */
class GatewayRegistrationStoreOutageTest {

  private final GatewayHarness h = new GatewayHarness();

  @Test
  void aUserOnlineBeforeTheOutageKeepsChattingBothWays() {
    FakeSession session = h.online(ALICE, ALICE_ICQ);
    h.store.unreachable(true);

    CompletableFuture<Void> sent = h.gateway.sendMessage(ALICE, CAROL, "still there?");
    h.network.lastLogin().message(CAROL, "yes");

    assertTrue(sent.isDone() && !sent.isCompletedExceptionally(), "sent without the store: " + sent);
    assertEquals(List.of("still there?"), session.sentTexts());
    assertEquals(List.of("yes"), h.endpoint.writtenTexts(ALICE));
    assertTrue(h.gateway.hasSession(ALICE));
    assertTrue(h.gateway.userAvailable(ALICE, "phone", 1, LegacyStatus.AWAY, null),
        "another resource of a user with a session needs no store either");
  }

  @Test
  void aRegistrationWhileTheStoreIsUnreachableFailsWithStoreExceptionAndStoresNothing() {
    h.store.unreachable(true);

    CompletableFuture<Registration> result = h.gateway.register(BOB, BOB_ICQ);

    assertInstanceOf(StoreException.class, failure(result));
    assertEquals(0, h.network.loginCount(), "no login: whether another user holds the account cannot be known");
    h.store.unreachable(false);
    assertEquals(Optional.empty(), h.gateway.registration(BOB), "nothing half-stored");
    assertEquals(Optional.of(BOB_ICQ),
        Optional.of(registerWhileTheStoreAnswers()).map(Registration::credentials), "a later attempt works");
  }

  @Test
  void aRegisteredUserComingOnlineWhileTheStoreIsUnreachableIsToldAndLoggedInOnceItAnswers() {
    h.registered(ALICE, ALICE_ICQ);
    h.store.unreachable(true);

    assertTrue(h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null),
        "not refused as unregistered: the store cannot say");

    State told = h.endpoint.lastState(ALICE);
    assertEquals(SessionState.RECONNECTING, told.state());
    assertTrue(told.detail().startsWith("Cannot read your registration; retrying in"), told.detail());
    assertEquals(0, h.network.loginCount());
    h.scheduler.advance(Duration.ofSeconds(2));
    assertEquals(SessionState.RECONNECTING, h.endpoint.lastState(ALICE).state(), "still unreachable: retried later");

    h.store.unreachable(false);
    h.scheduler.advance(Duration.ofSeconds(8));
    assertEquals(ALICE_ICQ, h.network.lastLogin().credentials());
    h.network.lastLogin().succeed();
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(ALICE).state());
  }

  @Test
  void anUnregisteredUserComingOnlineWhileTheStoreIsUnreachableIsToldSoOnceItAnswers() {
    h.store.unreachable(true);
    h.gateway.userAvailable(BOB, "laptop", 5, LegacyStatus.ONLINE, null);

    h.store.unreachable(false);
    h.scheduler.advance(Duration.ofSeconds(10));

    State told = h.endpoint.lastState(BOB);
    assertEquals(SessionState.LOGIN_FAILED, told.state());
    assertTrue(told.detail().contains("not registered"), told.detail());
    assertEquals(0, h.network.loginCount());
  }

  private Registration registerWhileTheStoreAnswers() {
    CompletableFuture<Registration> again = h.gateway.register(BOB, BOB_ICQ);
    h.network.lastLogin().succeed();
    return again.join();
  }
}
