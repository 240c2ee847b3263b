package net.icqtransport.core.bridge;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyNetwork;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.metrics.TransportMetrics;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.core.registration.MemoryPendingDeliveryStore;
import net.icqtransport.core.registration.PendingDeliveryStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Gateway}: registrations in a {@link RegistrationStore}, and one {@link UserBridge} per online
 * user, created by the user's first available resource and dropped after the last one leaves.
 *
 * <p>Presence calls for a user are routed while holding that user's map entry
 * ({@link ConcurrentHashMap#compute}), which also keeps the set of available resources: whether a call
 * makes the first or the last resource and which bridge it goes to is decided atomically, and the bridge
 * receives the calls in that order. A signed-off bridge leaves the map only once it has run the last call
 * routed to it and finished its message deliveries, so a user never has two bridges talking to the endpoint
 * at once. The operations that need the session (contact-list edits, authorization, directory, avatars,
 * typing) are routed into the same inbox, so they reach the session in order with the user's messages.
 *
 * <p>Messages from contacts that the XMPP side could not take, or that the user's server bounced
 * ({@link #undeliverable}), are kept in a {@link PendingDeliveryStore} and handed over again by the user's
 * bridge at the user's next available presence ({@link #userAvailable}), never to a user not known to be
 * there. A bounce for a user without a bridge goes straight to the outbox.
 *
 * <p>Thread-safe; calls may come from any thread. The executors are borrowed, not owned: {@link #shutdown()}
 * cancels this gateway's timers but does not shut the executors down. Store calls of {@link #userAvailable},
 * {@link #registration}, the contact-sync methods and {@link #undeliverable} for a user without a bridge run
 * on the caller's thread; those of {@link #register} and {@link #unregister} on the work executor; otherwise
 * the outbox is used on the bridges' sequences.
 */
public final class BridgeGateway implements Gateway {

  private static final Logger log = LoggerFactory.getLogger(BridgeGateway.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

  private final LegacyNetwork network;
  private final RegistrationStore store;
  private final PendingDeliveryStore outbox;
  private final ContactSyncStore contactSync;
  private final UserEndpoint endpoint;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final BridgeSettings settings;
  private final TransportMetrics metrics;
  private final LoginPacer loginPacer;
  private final ConcurrentHashMap<UserAddress, Online> online = new ConcurrentHashMap<>();
  /** Logins made only to check credentials, so that a shutdown does not leave them waiting. */
  private final Set<CompletableFuture<LegacySession>> checks = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean stopped = new AtomicBoolean();
  /** Whether other transport instances serve the same users from the same store (see {@link #shareUsers()}). */
  private volatile boolean shared;
  /** Each user's lane, shared with the XMPP side ({@link #runEachUserOn}); null: a sequential view of {@code executor}. */
  private volatile KeyedSequentialExecutor<String> userLanes;

  /**
   * A gateway whose outbox and roster sync state live in memory: kept messages survive a reconnect of the
   * XMPP side but not a restart, and after a restart every contact counts as not synced.
   *
   * @param scheduler runs the timers (login timeout, reconnect delay, queued-message expiry); its tasks are
   *     short and hand over to {@code executor}
   * @param executor runs the bridges' work; each user's work runs on a sequential view of it
   */
  public BridgeGateway(
      LegacyNetwork network,
      RegistrationStore store,
      UserEndpoint endpoint,
      ScheduledExecutorService scheduler,
      Executor executor,
      BridgeSettings settings) {
    this(network, store, new MemoryPendingDeliveryStore(), new MemoryContactSyncStore(), endpoint, scheduler,
        executor, settings, TransportMetrics.NONE, LoginPacer.unlimited());
  }

  /**
   * @param outbox keeps the messages from contacts that the XMPP side could not take
   * @param contactSync remembers which contacts are in each user's roster
   * @param scheduler runs the timers (login timeout, reconnect delay, queued-message expiry); its tasks are
   *     short and hand over to {@code executor}
   * @param executor runs the bridges' work; each user's work runs on a sequential view of it
   * @param metrics told about logins, messages, bounces, reconnects, registrations and session states
   * @param loginPacer spaces the logins of all users, first ones and retries alike
   */
  public BridgeGateway(
      LegacyNetwork network,
      RegistrationStore store,
      PendingDeliveryStore outbox,
      ContactSyncStore contactSync,
      UserEndpoint endpoint,
      ScheduledExecutorService scheduler,
      Executor executor,
      BridgeSettings settings,
      TransportMetrics metrics,
      LoginPacer loginPacer) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.loginPacer = Objects.requireNonNull(loginPacer, "loginPacer");
    this.network = Objects.requireNonNull(network, "network");
    this.store = Objects.requireNonNull(store, "store");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.contactSync = Objects.requireNonNull(contactSync, "contactSync");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * Runs each user's bridge on that user's lane of {@code lanes}, keyed by the bare JID: the lane the XMPP side
   * handles the user's stanzas and keeps the user's state on, so both sides of one user run one task at a time,
   * in one order, and the XMPP side's calls back from the bridge need no further hand-over. Call before the
   * gateway is used; without it each bridge runs on a sequential view of the work executor.
   */
  public void runEachUserOn(KeyedSequentialExecutor<String> lanes) {
    this.userLanes = Objects.requireNonNull(lanes, "lanes");
  }

  /**
   * Declares that other transport instances serve the same component domain from the same store, each user
   * on one instance at a time (ejabberd's {@code domain_balancing} by bare JID). Then: a message from a
   * registered user without a bridge here is held (bounded, with the queued-message timeout) until the
   * user's presence arrives, instead of being rejected; a login elsewhere is a quiet hand-over
   * ({@link UserBridge#quietHandOver()}); kept messages are handed over by the bridge that receives the
   * user's presence, so two instances never deliver the same one.
   * Call before the gateway is used.
   */
  public void shareUsers() {
    shared = true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A new registration replaces the old one (XEP-0100 §4.2). An account another Jabber user has registered
   * here fails with {@link AccountTakenException} before any login. A registered user who is online here
   * registers through their bridge ({@link UserBridge#register}): with the credentials of the live session
   * nothing logs in, else the session is replaced once (one sign-off, one login with the new credentials, no
   * "signed on elsewhere"), and refused credentials leave the stored ones, which log in again. Otherwise a
   * login checks the credentials, in a slot of the login pacer like every login. Failures other than
   * {@link LoginFailedException} and {@link AccountTakenException} are
   * {@link net.icqtransport.core.registration.StoreException} and the like.
   */
  @Override
  public CompletableFuture<Registration> register(UserAddress user, LegacyCredentials credentials) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(credentials, "credentials");
    if (stopped.get()) {
      return CompletableFuture.failedFuture(
          new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, "the transport is shutting down"));
    }
    log.info("Checking ICQ account {} for {}", credentials.account(), user);
    CompletableFuture<Registration> saved = CompletableFuture.supplyAsync(() -> {
      if (store.findByAccount(credentials.account()).stream().anyMatch(held -> !held.user().equals(user))) {
        log.info("ICQ account {} for {} refused: registered by another Jabber user", credentials.account(), user);
        throw new CompletionException(new AccountTakenException(credentials.account()));
      }
      return store.find(user);
    }, executor).thenCompose(previous -> previous
        .flatMap(registration -> registerThroughBridge(user, credentials, registration))
        .orElseGet(() -> checkAndSave(user, credentials)));
    return unwrapped(saved);
  }

  /** A registered user online here: the bridge checks the credentials with its own session. Empty if offline. */
  private Optional<CompletableFuture<Registration>> registerThroughBridge(
      UserAddress user, LegacyCredentials credentials, Registration previous) {
    CompletableFuture<Registration> result = new CompletableFuture<>();
    Online[] routed = new Online[1];
    online.computeIfPresent(user, (u, entry) -> {
      if (!entry.resources.isEmpty()) {
        entry.bridge.register(credentials, previous, result);
        routed[0] = entry;
      }
      return entry;
    });
    if (routed[0] == null) {
      return Optional.empty();
    }
    routed[0].bridge.wake();
    return Optional.of(result);
  }

  /** A login that checks the credentials, then the registration stored; a bridge of the user (idle) ends. */
  private CompletableFuture<Registration> checkAndSave(UserAddress user, LegacyCredentials credentials) {
    return checkLogin(credentials)
        .handleAsync((session, failure) -> {
          if (failure != null) {
            LoginFailedException refused = Failures.asLoginFailure(failure);
            metrics.loginFailed(refused.failure());
            log.info("ICQ account {} for {} refused: {}", credentials.account(), user, refused.getMessage());
            throw new CompletionException(refused);
          }
          closeQuietly(session);
          Registration registration = new Registration(user, credentials, Instant.now());
          store.save(registration);
          metrics.registered();
          log.info("Registered {} as ICQ {}", user, credentials.account());
          return registration;
        }, executor)
        .thenCompose(registration -> signOff(user,
            "Registration changed: the transport logs in as " + credentials.account() + " at your next presence.",
            false).thenApply(signedOff -> registration));
  }

  /**
   * {@inheritDoc} (XEP-0100 §4.3.) The roster sync state goes too, so a new registration pushes every contact
   * again; messages still kept for the user stay, to be redelivered.
   */
  @Override
  public CompletableFuture<Boolean> unregister(UserAddress user) {
    Objects.requireNonNull(user, "user");
    // Delete first: a presence racing with this then finds no registration and cannot start a new bridge.
    return unwrapped(CompletableFuture.supplyAsync(() -> {
      boolean existed = store.delete(user);
      if (existed) {
        metrics.unregistered();
      }
      contactSync.forgetAll(user);
      return existed;
    }, executor)
        .thenCompose(existed -> signOff(user, "Unregistered from the ICQ transport.", false).thenApply(v -> {
          log.info("Unregistered {} (had a registration: {})", user, existed);
          return existed;
        })));
  }

  @Override
  public Optional<Registration> registration(UserAddress user) {
    return store.find(user);
  }

  @Override
  public List<UserAddress> registeredUsers() {
    return store.all().stream().map(Registration::user).toList();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A status of {@link LegacyStatus#OFFLINE} counts as {@link #userUnavailable}. After {@link #shutdown()}
   * nothing starts and this returns false.
   */
  @Override
  public boolean userAvailable(
      UserAddress user, String resource, int priority, LegacyStatus status, String statusText) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(status, "status");
    if (!status.isAvailable()) {
      userUnavailable(user, resource);
      return online.containsKey(user) || registeredOrUnknown(user);
    }
    if (stopped.get() || (!online.containsKey(user) && !registeredOrUnknown(user))) {
      return false;
    }
    ResourcePresence presence = new ResourcePresence(priority, status, statusText);
    Online entry = online.compute(user, (u, current) -> {
      if (stopped.get()) {
        return current;
      }
      Online routed = current != null ? current : new Online(newBridge(u));
      routed.routedCalls++;
      routed.resources.add(resource);
      routed.bridge.resourceAvailable(resource, presence); // also hands the user's kept messages over
      return routed;
    });
    if (entry == null) {
      return false;
    }
    entry.bridge.wake();
    return true;
  }

  /**
   * Whether the store has a registration of the user; true when the store cannot say (it is unreachable):
   * the bridge started then reads the registration again at its login, tells the user that it cannot and
   * retries with backoff, and logs in once the store answers (or says "not registered").
   */
  private boolean registeredOrUnknown(UserAddress user) {
    try {
      return store.find(user).isPresent();
    } catch (StoreException e) {
      log.warn("The registration store is unavailable ({}); the ICQ login of {} retries until it can read the "
          + "registration", e.reason(), user);
      return true;
    }
  }

  @Override
  public void userUnavailable(UserAddress user, String resource) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(resource, "resource");
    Online[] routed = new Online[1];
    online.computeIfPresent(user, (u, entry) -> {
      if (entry.resources.remove(resource)) {
        routed[0] = entry;
        entry.routedCalls++;
        if (entry.resources.isEmpty()) {
          entry.bridge.signOff(null, false, entry.routedCalls); // XEP-0100 §4.5; leaves the map once idle
        } else {
          entry.bridge.resourceUnavailable(resource);
        }
      }
      return entry;
    });
    if (routed[0] != null) {
      routed[0].bridge.wake();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Without a bridge (the user is offline, or was never registered) it fails with
   * {@link MessageRejectedException.Reason#NOT_CONNECTED}.
   */
  @Override
  public CompletableFuture<Void> sendMessage(UserAddress user, LegacyContactId to, String text) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(text, "text");
    Online entry = online.get(user);
    if (entry == null && shared && !stopped.get() && store.find(user).isPresent()) {
      // Taken over from another instance: the user's presence is on its way (the XMPP side probes for it).
      entry = online.compute(user, (u, current) -> {
        if (current != null || stopped.get()) {
          return current;
        }
        Online waiting = new Online(newBridge(u));
        waiting.routedCalls++;
        waiting.bridge.awaitPresence(waiting.routedCalls);
        return waiting;
      });
    }
    if (entry == null) {
      metrics.messageBounced();
      return CompletableFuture.failedFuture(new MessageRejectedException(MessageRejectedException.Reason.NOT_CONNECTED,
          stopped.get()
              ? "Message not sent: " + UserBridge.SHUTTING_DOWN + "."
              : "Message not sent: you are not logged in to ICQ. Go online (send your presence to the transport) first."));
    }
    CompletableFuture<Void> sent = entry.bridge.sendMessage(to, text);
    sent.whenComplete((ok, failure) -> {
      if (failure == null) {
        metrics.messageToLegacy();
      } else {
        metrics.messageBounced();
      }
    });
    return sent;
  }

  @Override
  public LegacyContactId parseContactId(String text) {
    return network.parseContactId(text);
  }

  // ---- Operations on the user's session: routed into the bridge's inbox, in order with messages --------

  /** {@inheritDoc} Dropped silently when the user is not online: typing is ephemeral (XEP-0085). */
  @Override
  public void sendTyping(UserAddress user, LegacyContactId to, TypingState state) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(state, "state");
    route(user, bridge -> bridge.sendTyping(to, state));
  }

  /** {@inheritDoc} On success {@link #contacts} includes it. */
  @Override
  public CompletableFuture<ContactAddResult> addContact(UserAddress user, LegacyContact contact, String requestText) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.addContact(contact, requestText), (bridge, result) ->
        bridge.editedContact(new LegacyContact(contact.id(), contact.nickname(), contact.group(),
            result == ContactAddResult.AUTHORIZATION_REQUESTED)));
  }

  @Override
  public CompletableFuture<Void> updateContact(UserAddress user, LegacyContact contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.updateContact(contact), (bridge, done) -> bridge.editedContact(contact));
  }

  @Override
  public CompletableFuture<Void> removeContact(UserAddress user, LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.removeContact(contact), (bridge, done) -> bridge.removedContact(contact));
  }

  @Override
  public CompletableFuture<Void> joinRoom(UserAddress user, LegacyRoomId room) {
    Objects.requireNonNull(room, "room");
    return onBridge(user, (bridge, result) -> bridge.joinRoom(room, result));
  }

  @Override
  public CompletableFuture<Void> sendRoomMessage(UserAddress user, LegacyRoomId room, String text) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(text, "text");
    return onBridge(user, (bridge, result) -> bridge.sendRoomMessage(room, text, result));
  }

  @Override
  public void leaveRoom(UserAddress user, LegacyRoomId room) {
    Objects.requireNonNull(room, "room");
    route(user, bridge -> bridge.leaveRoom(room));
  }

  @Override
  public CompletableFuture<Void> inviteToRoom(UserAddress user, LegacyRoomId room, LegacyContactId contact,
      String text) {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.inviteToRoom(room, contact, text), null);
  }

  /** Runs {@code call} on the user's bridge; fails with {@link NotLoggedInException} when there is none. */
  private CompletableFuture<Void> onBridge(UserAddress user, BiConsumer<UserBridge, CompletableFuture<Void>> call) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    if (!route(user, bridge -> call.accept(bridge, result))) {
      result.completeExceptionally(new NotLoggedInException(
          "You are not logged in to ICQ (offline); go online (send your presence to the transport) first."));
    }
    return result;
  }

  @Override
  public CompletableFuture<Void> blockContact(UserAddress user, LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.blockContact(contact), null);
  }

  @Override
  public CompletableFuture<Void> unblockContact(UserAddress user, LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.unblockContact(contact), null);
  }

  @Override
  public CompletableFuture<Set<LegacyContactId>> blockedContacts(UserAddress user) {
    return whenOnline(user, LegacySession::blockedContacts, null);
  }

  @Override
  public CompletableFuture<Void> requestAuthorization(UserAddress user, LegacyContactId contact, String text) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.requestAuthorization(contact, text), null);
  }

  @Override
  public CompletableFuture<Void> answerAuthorization(
      UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.answerAuthorization(contact, granted, reason), null);
  }

  @Override
  public CompletableFuture<Void> sendFile(UserAddress user, LegacyContactId contact, String fileName, byte[] content) {
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(content, "content");
    return whenOnline(user, session -> session.sendFile(contact, fileName, content), null);
  }

  @Override
  public CompletableFuture<Optional<String>> fetchStatusMessage(UserAddress user, LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.fetchStatusMessage(contact), null);
  }

  @Override
  public CompletableFuture<LegacyUserInfo> fetchUserInfo(UserAddress user, LegacyContactId contact) {
    Objects.requireNonNull(contact, "contact");
    return whenOnline(user, session -> session.fetchUserInfo(contact), null);
  }

  @Override
  public CompletableFuture<List<LegacyUserInfo>> search(UserAddress user, LegacySearchQuery query) {
    Objects.requireNonNull(query, "query");
    return whenOnline(user, session -> session.search(query), null);
  }

  @Override
  public CompletableFuture<byte[]> fetchAvatar(UserAddress user, LegacyContactId contact, AvatarId avatar) {
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(avatar, "avatar");
    return whenOnline(user, session -> session.fetchAvatar(contact, avatar), null);
  }

  /** {@inheritDoc} Kept up to date by the session's contact-list events and the user's own edits. */
  @Override
  public List<LegacyContact> contacts(UserAddress user) {
    Objects.requireNonNull(user, "user");
    Online entry = online.get(user);
    return entry == null ? List.of() : entry.bridge.contacts();
  }

  /** {@inheritDoc} Only while this instance has a bridge for the user. */
  @Override
  public Optional<String> accountDisplayName(UserAddress user) {
    Objects.requireNonNull(user, "user");
    Online entry = online.get(user);
    return entry == null ? Optional.empty() : entry.bridge.accountDisplayName();
  }

  /** {@inheritDoc} Ordered by user; only this instance's. */
  @Override
  public List<UserAddress> onlineUsers() {
    return List.copyOf(new TreeSet<>(online.keySet()));
  }

  @Override
  public boolean hasSession(UserAddress user) {
    return online.containsKey(Objects.requireNonNull(user, "user"));
  }

  /** {@inheritDoc} Nothing happens unless the user has an available resource. */
  @Override
  public void reconnect(UserAddress user) {
    route(user, UserBridge::reconnect);
  }

  /** {@inheritDoc} Fails with {@link NotLoggedInException} when the user is not registered. */
  @Override
  public CompletableFuture<Void> setLegacyCodepage(UserAddress user, java.nio.charset.Charset codepage) {
    Objects.requireNonNull(user, "user");
    return unwrapped(CompletableFuture.supplyAsync(() -> {
      Registration registration = store.find(user).orElseThrow(() -> new java.util.concurrent.CompletionException(
          new NotLoggedInException("You are not registered with the ICQ transport.")));
      store.save(registration.withOptions(new net.icqtransport.core.legacy.LegacySessionOptions(codepage)));
      log.info("{} chose the legacy codepage {}", user, codepage == null ? "default" : codepage.name());
      return null;
    }, executor).thenRun(() -> reconnect(user)));
  }

  /**
   * {@inheritDoc} The registration stays; the user's next available presence logs in again. The user sees
   * the transport go {@link SessionState#OFFLINE} with {@code reason}.
   */
  @Override
  public void disconnect(UserAddress user, String reason) {
    Objects.requireNonNull(user, "user");
    log.info("Disconnecting {} from ICQ on request", user);
    signOff(user, reason, false);
  }

  // ---- Kept messages and roster sync state ----------------------------------------------------------------

  /**
   * {@inheritDoc} With a bridge, the bridge keeps it, in order with its deliveries; without one, it goes to
   * the outbox at once, while holding the user's map entry so that a bridge made meanwhile sees it. A store
   * failure is logged: the message is lost then.
   */
  @Override
  public void undeliverable(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
    Online routed = online.compute(user, (u, current) -> {
      if (current != null) {
        current.bridge.undeliverable(from, text, sentAt);
        return current;
      }
      try {
        outbox.add(u, from, text, sentAt, sentAt);
        log.info("The XMPP server bounced a message from {} to {}, who is offline; kept for their next presence",
            from, u);
      } catch (StoreException e) {
        log.error("Cannot keep a bounced message from {} for {} in the outbox", from, u, e);
      }
      return null;
    });
    if (routed != null) {
      routed.bridge.wake();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Every bridge ends ({@link UserBridge#shutDown}): what was handed to a session gets a moment to be
   * confirmed by the server, then the user is signed off ICQ and told (the transport and the contacts go offline);
   * messages waiting for a login, and any sent from now on, are rejected to their senders; messages from contacts
   * that still arrive are delivered while the session is open and kept in the outbox once it is closed, for the
   * user's next available presence (with several instances, on the instance that gets it). Waits up to 10 s for
   * every bridge to be done with the endpoint, so that everything the users are owed is handed to the XMPP side
   * before it closes its stream. New registrations and presences are refused from the start.
   */
  @Override
  public void shutdown() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    for (CompletableFuture<LegacySession> check : checks) {
      check.completeExceptionally(
          new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, "the transport is shutting down"));
    }
    String detail = shared
        ? "The ICQ transport is restarting: your next message logs you in again."
        : "The ICQ transport is shutting down.";
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    while (!online.isEmpty()) { // no entry is added once stopped is seen; repeat for those racing with it
      for (UserAddress user : List.copyOf(online.keySet())) {
        Online[] removed = new Online[1];
        online.computeIfPresent(user, (u, entry) -> {
          closing.add(entry.bridge.shutDown(detail));
          removed[0] = entry;
          return null;
        });
        if (removed[0] != null) {
          removed[0].bridge.wake();
        }
      }
    }
    log.info("Shutting down: signing off {} users", closing.size());
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      log.info("Signed off {} users; everything they are owed is handed to the XMPP side", closing.size());
    } catch (TimeoutException e) {
      log.warn("Not every user was signed off within {}", SHUTDOWN_WAIT);
    } catch (ExecutionException e) {
      log.warn("Signing a user off failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Routes {@code call} into the user's bridge while holding the map entry, then wakes it; false if the user
   * has no bridge. Not counted as a routed call: these never change whether a signed-off bridge may go.
   */
  private boolean route(UserAddress user, Consumer<UserBridge> call) {
    Objects.requireNonNull(user, "user");
    Online[] routed = new Online[1];
    online.computeIfPresent(user, (u, entry) -> {
      call.accept(entry.bridge);
      routed[0] = entry;
      return entry;
    });
    if (routed[0] == null) {
      return false;
    }
    routed[0].bridge.wake();
    return true;
  }

  /**
   * Runs {@code operation} on the user's session when its turn comes in the bridge; fails with
   * {@link NotLoggedInException} unless the session is online then.
   *
   * @param onSuccess run on the bridge's sequence before the result completes, or null
   */
  private <T> CompletableFuture<T> whenOnline(
      UserAddress user,
      Function<LegacySession, CompletableFuture<T>> operation,
      BiConsumer<UserBridge, T> onSuccess) {
    CompletableFuture<T> result = new CompletableFuture<>();
    boolean routed = route(user, bridge ->
        bridge.whenOnline(operation, onSuccess == null ? null : value -> onSuccess.accept(bridge, value), result));
    if (!routed) {
      result.completeExceptionally(new NotLoggedInException(
          "You are not logged in to ICQ (offline); go online (send your presence to the transport) first."));
    }
    return result;
  }

  private UserBridge newBridge(UserAddress user) {
    Executor sequence =
        userLanes == null ? MoreExecutors.newSequentialExecutor(executor) : userLanes.lane(user.bareJid());
    UserBridge bridge = new UserBridge(
        user,
        store,
        outbox,
        network,
        endpoint,
        scheduler,
        sequence,
        userLanes == null ? sequence : userLanes.home(user.bareJid()),
        settings,
        new Backoff(settings.reconnectMinDelay(), settings.reconnectMaxDelay()),
        metrics,
        loginPacer,
        this::bridgeIdle);
    if (shared) {
      bridge.quietHandOver();
    }
    return bridge;
  }

  /**
   * Forgets a signed-off bridge, unless calls were routed to it after that sign-off; a handed-over bridge
   * (token -1) in any case.
   */
  private void bridgeIdle(UserBridge bridge, long signOffToken) {
    online.computeIfPresent(bridge.user(), (user, entry) ->
        entry.bridge == bridge && (signOffToken < 0 || entry.routedCalls == signOffToken) ? null : entry);
  }

  /** Signs the user off if online, forgetting every resource, e.g. after a change of registration. */
  private CompletableFuture<Void> signOff(UserAddress user, String detail, boolean forever) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] done = new CompletableFuture[] {CompletableFuture.completedFuture(null)};
    Online[] routed = new Online[1];
    online.computeIfPresent(user, (u, entry) -> {
      entry.resources.clear();
      entry.routedCalls++;
      done[0] = entry.bridge.signOff(detail, forever, entry.routedCalls);
      routed[0] = entry;
      return entry;
    });
    if (routed[0] != null) {
      routed[0].bridge.wake();
    }
    return done[0];
  }

  /**
   * A login that only checks the credentials: it waits for its slot of the login pacer, as every login does,
   * and is then bounded by the login timeout.
   */
  private CompletableFuture<LegacySession> checkLogin(LegacyCredentials credentials) {
    CompletableFuture<LegacySession> check = new CompletableFuture<>();
    checks.add(check);
    CompletableFuture<LoginSlot> next = loginPacer.nextSlot(credentials.account());
    if (!next.isDone()) {
      log.debug("Credentials check of ICQ {} waits for its login slot", credentials.account());
    }
    check.whenComplete((session, failure) -> next.cancel(false)); // failed by the shutdown while waiting
    next.whenComplete((granted, failure) -> {
      if (failure != null) {
        check.completeExceptionally(failure instanceof LoginFailedException ? failure
            : new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, "the transport is shutting down"));
      } else {
        startCheck(credentials, granted, check);
      }
    });
    return check;
  }

  /**
   * Opens the check's session in {@code granted}'s slot; the server's answer goes to the pacer as it comes (as a
   * user's login does, {@code UserBridge}), then to {@code check}.
   */
  private void startCheck(LegacyCredentials credentials, LoginSlot granted, CompletableFuture<LegacySession> check) {
    if (check.isDone()) {
      return; // the shutdown failed it while it waited for its slot
    }
    CompletableFuture<LegacySession> opening;
    try {
      opening = network.open(credentials, new CheckListener());
    } catch (RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    ScheduledFuture<?> timer;
    try {
      timer = scheduler.schedule(
          () -> check.completeExceptionally(new LoginFailedException(LoginFailure.TIMEOUT,
              "no answer within " + UserBridge.describe(settings.loginTimeout()))),
          settings.loginTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      timer = null;
    }
    ScheduledFuture<?> timeout = timer;
    check.whenComplete((session, failure) -> {
      checks.remove(check);
      if (timeout != null) {
        timeout.cancel(false);
      }
    });
    opening.whenComplete((session, failure) -> {
      if (failure != null) {
        loginPacer.answered(granted, Failures.asLoginFailure(failure));
        check.completeExceptionally(failure);
      } else if (!check.complete(session)) {
        closeQuietly(session); // it came too late: the check already failed
      }
    });
  }

  /** The same outcome, failing with the cause itself rather than a {@link CompletionException} around it. */
  private static <T> CompletableFuture<T> unwrapped(CompletableFuture<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    future.whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(Failures.unwrap(failure));
      }
    });
    return result;
  }

  private static void closeQuietly(LegacySession session) {
    try {
      session.close();
    } catch (RuntimeException e) {
      log.warn("Closing a credentials-check session failed", e);
    }
  }

  /** A user's bridge and what the gateway routed to it; mutable fields guarded by the entry's compute. */
  private static final class Online {
    final UserBridge bridge;
    /** The available resources. */
    final Set<String> resources = new HashSet<>();
    /** Counts the calls routed to the bridge; a sign-off carries the count, to tell if more followed. */
    long routedCalls;

    Online(UserBridge bridge) {
      this.bridge = bridge;
    }
  }

  /**
   * The listener of a credentials check: the session is closed at once, its events do not matter; the server's
   * acceptance is counted by the pacer as it comes.
   */
  private final class CheckListener implements LegacyListener {

    @Override
    public void loginAccepted() {
      loginPacer.accepted();
    }

    @Override
    public void contactListReceived(List<LegacyContact> contacts) {}

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {}

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {}

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {}
  }
}
