package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.testing.FakeLegacyNetwork;
import net.icqtransport.core.testing.ManualScheduler;
import net.icqtransport.core.testing.MemoryRegistrationStore;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: with {@link BridgeGateway#runEachUserOn}, a user's bridge runs on that user's lane, the one the XMPP
 * side handles the user's stanzas and keeps the user's state on: every call back to the endpoint happens inside a
 * task of that lane, so the XMPP side needs no further hand-over and sees one order.
 */
class GatewayUserLanesTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final KeyedSequentialExecutor<String> lanes = new KeyedSequentialExecutor<>(pool);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** Records, for each call, whether it ran on the user's lane. */
  private final class LaneCheckingEndpoint implements UserEndpoint {
    final List<String> offLane = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<SessionState> states = new LinkedBlockingQueue<>();

    private void check(UserAddress user, String call) {
      if (!lanes.isRunning(user.bareJid())) {
        offLane.add(call + " on " + Thread.currentThread().getName());
      }
    }

    @Override
    public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
      check(user, "deliverMessage");
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence presence) {
      check(user, "contactPresenceChanged");
    }

    @Override
    public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
      check(user, "contactListReceived");
    }

    @Override
    public void sessionStateChanged(UserAddress user, SessionState state, String detail) {
      check(user, "sessionStateChanged");
      states.add(state);
    }
  }

  @Test
  void theBridgeCallsTheEndpointFromInsideTheUsersLane() throws Exception {
    FakeLegacyNetwork network = new FakeLegacyNetwork();
    MemoryRegistrationStore store = new MemoryRegistrationStore();
    store.save(new Registration(ALICE, ALICE_ICQ, Instant.parse("2024-01-01T00:00:00Z")));
    LaneCheckingEndpoint endpoint = new LaneCheckingEndpoint();
    BridgeGateway gateway = new BridgeGateway(network, store, endpoint, new ManualScheduler(),
        MoreExecutors.directExecutor(), GatewayHarness.SETTINGS);
    gateway.runEachUserOn(lanes);

    lanes.execute(ALICE.bareJid(), () -> gateway.userAvailable(ALICE, "pc", 0, LegacyStatus.ONLINE, null));
    assertEquals(SessionState.LOGGING_IN, endpoint.states.poll(5, TimeUnit.SECONDS));
    assertTrue(lanes.awaitIdle(Duration.ofSeconds(5)), "the login was started");
    FakeLegacyNetwork.Login login = network.lastLogin();
    login.succeed(); // from the test thread, as a Netty event loop would
    assertEquals(SessionState.ONLINE, endpoint.states.poll(5, TimeUnit.SECONDS));
    login.listener().contactPresenceChanged(GatewayHarness.CAROL, new LegacyPresence(LegacyStatus.ONLINE, null, null));
    login.listener().messageReceived(GatewayHarness.CAROL, "hi", null);
    gateway.userUnavailable(ALICE, "pc");
    assertEquals(SessionState.OFFLINE, endpoint.states.poll(5, TimeUnit.SECONDS));
    assertTrue(lanes.awaitIdle(Duration.ofSeconds(5)));

    assertEquals(List.of(), endpoint.offLane, "every call back came from inside Alice's lane");
  }
}
