package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.registration.LearnedLoginRate;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.core.registration.MemoryPendingDeliveryStore;
import net.icqtransport.core.registration.PendingDeliveryStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.testing.FakeLegacyNetwork;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.ManualScheduler;
import net.icqtransport.core.testing.MemoryRegistrationStore;
import net.icqtransport.core.testing.RecordingEndpoint;
import net.icqtransport.core.user.UserAddress;

/**
 * A gateway over the fake network, in-memory stores (unless given others), a recording endpoint and a manual
 * clock. With the default direct executor every call has had all its effects when it returns, so tests need
 * no waiting.
 */
final class GatewayHarness {

  static final UserAddress ALICE = new UserAddress("alice@example.org");
  static final UserAddress BOB = new UserAddress("bob@example.org");
  static final LegacyCredentials ALICE_ICQ = new LegacyCredentials(new LegacyContactId("100001"), "alice-Secret-1");
  static final LegacyCredentials ALICE_ICQ_NEW = new LegacyCredentials(new LegacyContactId("100003"), "alice-Secret-2");
  static final LegacyCredentials BOB_ICQ = new LegacyCredentials(new LegacyContactId("100002"), "bob-Secret-1");
  static final LegacyContactId CAROL = new LegacyContactId("200001");
  static final LegacyContactId DAVE = new LegacyContactId("200002");

  /** Small queue so the bound is easy to reach; the other values are the defaults. */
  static final BridgeSettings SETTINGS = new BridgeSettings(
      3, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30));

  final FakeLegacyNetwork network = new FakeLegacyNetwork();
  final MemoryRegistrationStore store = new MemoryRegistrationStore();
  final RecordingEndpoint endpoint = new RecordingEndpoint();
  final ManualScheduler scheduler = new ManualScheduler();
  final PendingDeliveryStore outbox;
  final ContactSyncStore contactSync;
  final CountingMetrics metrics = new CountingMetrics();
  /** The login pacer of a paced gateway; null for the others (unlimited). */
  final LoginPacer pacer;
  final BridgeGateway gateway;

  GatewayHarness() {
    this(MoreExecutors.directExecutor());
  }

  GatewayHarness(Executor executor) {
    this(executor, new MemoryPendingDeliveryStore(), new MemoryContactSyncStore());
  }

  GatewayHarness(PendingDeliveryStore outbox, ContactSyncStore contactSync) {
    this(MoreExecutors.directExecutor(), outbox, contactSync);
  }

  GatewayHarness(Executor executor, PendingDeliveryStore outbox, ContactSyncStore contactSync) {
    this.outbox = outbox;
    this.contactSync = contactSync;
    this.pacer = null;
    gateway = new BridgeGateway(network, store, outbox, contactSync, endpoint, scheduler, executor, SETTINGS, metrics,
        LoginPacer.unlimited());
  }

  /**
   * A gateway that starts at most {@code loginsPerSecond} logins, on the scheduler's virtual clock: a pacer that
   * does not grow (so the tests can count its intervals) but slows down at refusals of a crowd.
   */
  GatewayHarness(double loginsPerSecond) {
    this(loginsPerSecond, 1);
  }

  /** As {@link #GatewayHarness(double)}, letting {@code burst} logins start at once after an idle time. */
  GatewayHarness(double loginsPerSecond, int burst) {
    this(loginsPerSecond, burst, MoreExecutors.directExecutor());
  }

  /** As {@link #GatewayHarness(double, int)}, the bridges running on {@code executor}. */
  GatewayHarness(double loginsPerSecond, int burst, Executor executor) {
    this.outbox = new MemoryPendingDeliveryStore();
    this.contactSync = new MemoryContactSyncStore();
    this.pacer = new LoginPacer(LearnedLoginRate.startingAt(loginsPerSecond), 0, burst, Duration.ofMinutes(5),
        scheduler, scheduler::nanoTime);
    gateway = new BridgeGateway(network, store, outbox, contactSync, endpoint, scheduler, executor, SETTINGS,
        metrics, pacer);
  }

  void registered(UserAddress user, LegacyCredentials credentials) {
    store.save(new Registration(user, credentials, Instant.parse("2024-01-01T00:00:00Z")));
  }

  /** Registers the user and brings one resource online; the login starts or waits for its slot. */
  void available(UserAddress user, LegacyCredentials credentials) {
    registered(user, credentials);
    gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null);
  }

  /** Registers the user, brings one resource online and completes the login. */
  FakeSession online(UserAddress user, LegacyCredentials credentials) {
    registered(user, credentials);
    assertTrue(gateway.userAvailable(user, "laptop", 5, LegacyStatus.ONLINE, null));
    return network.lastLogin().succeed();
  }

  /** What the future failed with, unwrapped, asserting that it failed. */
  static Throwable failure(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a failure, got " + future);
    return future.handle((value, error) -> error).join();
  }

  /** The reason the future failed with, asserting it failed with a {@link MessageRejectedException}. */
  static MessageRejectedException rejection(CompletableFuture<?> future) {
    assertTrue(future.isCompletedExceptionally(), "expected a rejected message, got " + future);
    Throwable failure = future.handle((value, error) -> error).join();
    return assertInstanceOf(MessageRejectedException.class, failure);
  }

  static void assertRejected(CompletableFuture<?> future, MessageRejectedException.Reason reason, String textPart) {
    MessageRejectedException rejected = rejection(future);
    assertEquals(reason, rejected.reason());
    assertTrue(rejected.getMessage().contains(textPart),
        "\"" + rejected.getMessage() + "\" should contain \"" + textPart + "\"");
  }
}
