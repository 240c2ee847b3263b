package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.FakeLegacyNetwork.StatusChange;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.testing.RecordingEndpoint.Event;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bridges on a real thread pool, driven from many threads at once. */
@Timeout(60)
class GatewayConcurrencyTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final LegacyContactId CONTACT = new LegacyContactId("200001");

  private final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(4);
  private final ExecutorService drivers = Executors.newCachedThreadPool();
  private final GatewayHarness h = new GatewayHarness(pool);

  @AfterEach
  void stop() throws InterruptedException {
    drivers.shutdownNow();
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
  }

  @Test
  void eachUsersEventsKeepTheirOrderWhileEverythingRunsAtOnce() throws Exception {
    int users = 8;
    int incoming = 400;
    int outgoing = 200;
    List<UserAddress> addresses = new ArrayList<>();
    Map<LegacyContactId, UserAddress> byAccount = new HashMap<>();
    for (int i = 0; i < users; i++) {
      UserAddress user = new UserAddress("user" + i + "@example.org");
      LegacyCredentials credentials = new LegacyCredentials(new LegacyContactId("1000" + (10 + i)), "pw" + i);
      h.registered(user, credentials);
      addresses.add(user);
      byAccount.put(credentials.account(), user);
      assertTrue(h.gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null));
    }
    Map<UserAddress, Login> logins = new HashMap<>();
    Map<UserAddress, FakeSession> sessions = new HashMap<>();
    for (int i = 0; i < users; i++) {
      Login login = h.network.awaitLogin(i, WAIT);
      UserAddress user = byAccount.get(login.credentials().account());
      logins.put(user, login);
      sessions.put(user, login.succeed());
    }
    for (UserAddress user : addresses) {
      h.endpoint.await(user, events -> events.contains(new State(user, SessionState.ONLINE, null)), WAIT);
    }

    CountDownLatch start = new CountDownLatch(1);
    Map<UserAddress, List<CompletableFuture<Void>>> sent = new HashMap<>();
    List<Future<?>> running = new ArrayList<>();
    for (UserAddress user : addresses) {
      Login login = logins.get(user);
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      sent.put(user, futures);
      running.add(drivers.submit(() -> { // the network's thread for this session
        start.await();
        for (int j = 0; j < incoming; j++) {
          if (j % 4 == 0) {
            login.contactStatus(CONTACT, j % 8 == 0 ? LegacyStatus.ONLINE : LegacyStatus.AWAY, "s" + j);
          } else {
            login.message(CONTACT, "m" + j);
          }
        }
        return null;
      }));
      running.add(drivers.submit(() -> { // the XMPP side, for this user
        start.await();
        for (int k = 0; k < outgoing; k++) {
          futures.add(h.gateway.sendMessage(user, CONTACT, "x" + k));
          if (k % 50 == 0) {
            h.gateway.userAvailable(user, "phone", 10 + k, LegacyStatus.AWAY, "k" + k);
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> driver : running) {
      driver.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    for (UserAddress user : addresses) {
      List<Event> expected = new ArrayList<>();
      for (int j = 0; j < incoming; j++) {
        expected.add(j % 4 == 0
            ? new ContactStatus(user, CONTACT, j % 8 == 0 ? LegacyStatus.ONLINE : LegacyStatus.AWAY, "s" + j)
            : new Delivered(user, CONTACT, "m" + j, null));
      }
      h.endpoint.await(user, events -> relayed(events).size() >= incoming, WAIT);
      assertEquals(expected, relayed(h.endpoint.events(user)), "events of " + user);

      CompletableFuture.allOf(sent.get(user).toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<String> texts = new ArrayList<>();
      for (int k = 0; k < outgoing; k++) {
        texts.add("x" + k);
      }
      FakeSession session = sessions.get(user);
      assertEquals(texts, session.sentTexts(), "messages of " + user);
      List<StatusChange> statuses = session.statuses();
      assertEquals(new StatusChange(LegacyStatus.AWAY, "k150"), statuses.get(statuses.size() - 1));
    }
    assertEquals(0, h.endpoint.overlappingCalls(), "calls for one user must never overlap");
  }

  @Test
  void flappingResourcesEndInTheStateOfTheirLastPresence() throws Exception {
    h.network.succeedEveryLogin();
    h.registered(GatewayHarness.ALICE, GatewayHarness.ALICE_ICQ);
    int rounds = 1000;
    int flappers = 3;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < flappers; t++) {
      String resource = "r" + t;
      running.add(drivers.submit(() -> { // each ends unavailable
        start.await();
        for (int i = 0; i < rounds; i++) {
          h.gateway.userAvailable(GatewayHarness.ALICE, resource, 1, LegacyStatus.ONLINE, null);
          h.gateway.userUnavailable(GatewayHarness.ALICE, resource);
        }
        return null;
      }));
    }
    running.add(drivers.submit(() -> { // ends available
      start.await();
      for (int i = 0; i < rounds; i++) {
        h.gateway.userUnavailable(GatewayHarness.ALICE, "stay");
        h.gateway.userAvailable(GatewayHarness.ALICE, "stay", 2, LegacyStatus.AWAY, "s" + i);
      }
      return null;
    }));
    start.countDown();
    for (Future<?> driver : running) {
      driver.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    awaitIdle();

    assertEquals(0, h.endpoint.overlappingCalls(), "two bridges of one user ran at once");
    List<Login> logins = h.network.logins();
    List<FakeSession> open = logins.stream().map(Login::session).filter(s -> !s.isClosed()).toList();
    assertEquals(1, open.size(), "exactly one session survives, of " + logins.size());
    FakeSession survivor = open.get(0);
    h.gateway.sendMessage(GatewayHarness.ALICE, CONTACT, "still online").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(List.of("still online"), survivor.sentTexts());
    assertEquals(new StatusChange(LegacyStatus.AWAY, "s" + (rounds - 1)),
        survivor.statuses().get(survivor.statuses().size() - 1));
    assertEquals(SessionState.ONLINE, h.endpoint.lastState(GatewayHarness.ALICE).state());

    h.gateway.userUnavailable(GatewayHarness.ALICE, "stay");
    awaitIdle();
    assertTrue(survivor.isClosed());
    assertEquals(SessionState.OFFLINE, h.endpoint.lastState(GatewayHarness.ALICE).state());
    GatewayHarness.assertRejected(h.gateway.sendMessage(GatewayHarness.ALICE, CONTACT, "gone"),
        Reason.NOT_CONNECTED, "Go online");
  }

  private static List<Event> relayed(List<Event> events) {
    return events.stream().filter(e -> e instanceof Delivered || e instanceof ContactStatus).toList();
  }

  /** Waits until the pool has run everything it was given, including what those tasks gave it. */
  private void awaitIdle() throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int quietChecks = 0;
    long completed = -1;
    while (quietChecks < 3) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the pool did not become idle");
      }
      boolean idle = pool.getActiveCount() == 0 && pool.getQueue().isEmpty();
      long now = pool.getCompletedTaskCount();
      quietChecks = idle && now == completed ? quietChecks + 1 : 0;
      completed = now;
      Thread.sleep(2);
    }
  }
}
