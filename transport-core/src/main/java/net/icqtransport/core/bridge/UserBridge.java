package net.icqtransport.core.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyNetwork;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.metrics.TransportMetrics;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.legacy.MessageRejectedException.Reason;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.registration.PendingDeliveryStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One online Jabber user's bridge to the legacy network (biboumi's {@code Bridge}, Slidge's session): owns the
 * user's legacy session, the presence of each XMPP resource, the login and reconnect state machine and the
 * messages waiting for a login.
 *
 * <p>Every field below the constructor's is read and written only by tasks on {@link #sequence}, a
 * sequential executor of its own: calls from the XMPP side (any thread) and events of the legacy session
 * (network threads) become tasks there, so they are handled one at a time in arrival order without locks,
 * and the {@link UserEndpoint} hears about them in that order. Tasks pass through an {@link #inbox} first:
 * the gateway fills it while it holds its per-user map entry, so the order in which it routes calls is the
 * order in which they run, and {@link #wake()} (outside that section) has them run.
 *
 * <p>The credentials are read from the {@link RegistrationStore} at each login, so a new registration
 * takes effect at the next login.
 *
 * <p>States ({@link SessionState}): {@code OFFLINE} → {@code LOGGING_IN} → {@code ONLINE}; a retryable
 * failure or a lost connection → {@code RECONNECTING} → {@code LOGGING_IN} again after a backoff; a refused
 * login → {@code LOGIN_FAILED}; a login elsewhere → {@code SIGNED_ON_ELSEWHERE}; the server ending the
 * session in any other form, or {@link BridgeSettings#shortSessionsBeforeStop()} sessions in a row that ended
 * within {@link BridgeSettings#shortSession()} of their login → {@code STOPPED}. None of the last three is
 * retried: the user must go offline and online again, send the reconnect command, or register again. The
 * reconnect backoff starts over only once a session outlived {@link BridgeSettings#shortSession()}, so a
 * server that drops the account right after each login sees the delays grow, never a loop at the floor. A
 * login refused for the server's rate limits waits {@link BridgeSettings#rateLimitedWait()} (growing while
 * refusals go on): real servers lock an account out after a few logins of it and extend the lockout at each
 * early retry, and it locks the user's other clients out too. Only a refusal that answered a login of a crowd
 * ({@link LoginSlot#crowded()}: the transport's own pace overshot the server's limit of logins per address, and
 * the pacer slows down, {@link LoginPacer#rateLimited}) is retried after {@link #PACE_REFUSAL_WAIT}, once: when
 * the account was refused before since its last login, or within {@code rateLimitedWait}, it waits the long
 * wait. {@link #signOff} (last resource
 * gone, unregistered, registered anew) goes back to {@code OFFLINE}; then the gateway forgets the bridge
 * unless a resource came back meanwhile. Only the shutdown's sign-off is final.
 *
 * <p>Messages from contacts go through a {@link MessageDeliveryLine}, which keeps what the XMPP side cannot
 * take. The bridge tells its owner it is idle only once that line is idle too, so a bridge that signed off
 * still finishes its deliveries before a new bridge for the user may talk to the endpoint. Every available
 * presence of a resource hands the kept messages over (the user is there to receive them); a bounce from the
 * user's server ({@link #undeliverable}) keeps messages until the next one. A message the network hands to a
 * session the bridge has already signed off is kept too, never dropped ({@link #lateMessage}).
 *
 * <p>The transport's shutdown ends a bridge with {@link #shutDown}, which finishes what is under way before it
 * signs off and tells when the bridge is done with the endpoint.
 */
final class UserBridge {

  private static final Logger log = LoggerFactory.getLogger(UserBridge.class);
  private static final String NOT_LOGGED_IN = "you are not logged in to ICQ; go online first";
  /** Why a message is not sent once the transport stops; says "ended", as for every other sign-off. */
  static final String SHUTTING_DOWN =
      "the ICQ session ended: the transport is restarting or shutting down; send it again in a moment";
  /** How long the shutdown lets the server confirm what was handed to the session before it signs off. */
  static final Duration SETTLE_WAIT = Duration.ofSeconds(3);
  /**
   * The wait after the first refusal of an account that answered the transport's overshoot of the server's limit
   * of logins per address (a login of a crowd), before that login waits for a slot again: the pacer has slowed
   * down meanwhile, and the server's window of counted logins has moved on.
   */
  static final Duration PACE_REFUSAL_WAIT = Duration.ofSeconds(5);

  private final UserAddress user;
  private final RegistrationStore store;
  private final LegacyNetwork network;
  private final UserEndpoint endpoint;
  private final ScheduledExecutorService scheduler;
  private final Executor sequence;
  /**
   * What {@link #sequence} runs on, given to the network at each login: a network that placed the user's lane on
   * one of its event loops runs the session there too ({@link LegacyNetwork#open(LegacyCredentials,
   * LegacySessionOptions, LegacyListener, Executor)}).
   */
  private final Executor sessionHome;
  /** The user's chat rooms (issue #18), confined to {@link #sequence}. */
  private final BridgeRooms rooms;
  private final BridgeSettings settings;
  private final Backoff backoff;
  /** Waits after logins refused for the server's rate limits: never below {@link BridgeSettings#rateLimitedWait()}. */
  private final Backoff rateLimitBackoff;
  private final TransportMetrics metrics;
  /** The SLF4J MDC key that holds the user's bare JID while the bridge works for them (shown by logback.xml). */
  static final String MDC_USER = "user";
  private final LoginPacer loginPacer;
  private final ObjLongConsumer<UserBridge> onIdle;
  private final Queue<Task> inbox = new ConcurrentLinkedQueue<>();
  private final MessageDeliveryLine deliveries;
  /** The contact list as last reported while logged in; written on `sequence`, read from any thread. */
  private volatile List<LegacyContact> knownContacts = List.of();
  /**
   * The account as the network spells it ("Joe User" for {@code joeuser}), from the last session that said so;
   * written on `sequence` at each login, read from any thread.
   */
  private volatile String accountDisplayName;
  /** Several instances share the users: a login elsewhere is a hand-over, not news for the user. */
  private volatile boolean quietHandOver;
  /**
   * Operations handed to the session whose outcome the XMPP side waits for (messages, requests) and that have
   * not settled yet. Counted on the sequence, settled on the network's threads.
   */
  private final AtomicInteger unsettled = new AtomicInteger();
  /** Set by {@link #shutDown}: whoever settles the last unsettled operation wakes the shutdown. */
  private volatile boolean shutdownWaitsForSettling;

  // Confined to `sequence`.
  /** Resource → its presence, the most recently updated last (it wins a tie in priority). */
  private final Map<String, ResourcePresence> resources = new LinkedHashMap<>();
  /** Contacts last reported available, so they can be reported offline when the session ends. */
  private final Set<LegacyContactId> onlineContacts = new LinkedHashSet<>();
  /** Away messages asked for and fetched, so each presence is reported complete. */
  private final ContactAwayMessages awayMessages = new ContactAwayMessages();
  private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();
  private SessionState state = SessionState.OFFLINE;
  /** Why messages cannot be sent in the current state, for the sender; null while they can. */
  private String notSentReason = NOT_LOGGED_IN;
  /** The account of the current or last login. */
  private LegacyCredentials credentials;
  /** The per-user session settings of the registration being logged in (its legacy codepage). */
  private LegacySessionOptions sessionOptions = LegacySessionOptions.DEFAULTS;
  /**
   * Numbers login attempts. Callbacks of an attempt (its login result, its session's events, its timers) act
   * only while it is still the current one: a session that was closed, timed out or replaced is ignored.
   */
  private int generation;
  private LegacySession session;
  private ResourcePresence appliedStatus;
  private ScheduledFuture<?> loginTimeout;
  /** The timer of the next login, or its request for a {@link LoginPacer} slot. */
  private Future<?> retry;
  /** The pacer's slot of the current or last login attempt. */
  private LoginSlot slot;
  /** The slot of the last login of this account refused for the server's rate limits; null if none. */
  private LoginSlot lastRateLimited;
  /** Whether a login was refused for the server's rate limits since the last successful one. */
  private boolean rateLimitedSinceLogin;
  /** Fires once the current session has outlived {@link BridgeSettings#shortSession()}. */
  private ScheduledFuture<?> sessionOutlivedShort;
  /** Whether the current session has outlived {@link BridgeSettings#shortSession()}. */
  private boolean sessionStable;
  /** Sessions in a row that ended within {@link BridgeSettings#shortSession()} of their login. */
  private int shortSessionsInARow;
  /** A registration of the account this bridge logs in with, checked by its next login; null if none. */
  private PendingRegistration pendingRegistration;
  /** Set by the shutdown's sign-off: from then on every call is refused. */
  private boolean ended;
  /** Offline without resources, but holding messages until the user's presence (probed for) arrives. */
  private boolean awaitingPresence;
  /** Another transport instance logged in with this account: this bridge stays silent from then on. */
  private boolean handedOver;
  /** Whether to call {@code onIdle} with {@link #idleToken} once the deliveries are idle. */
  private boolean idleReportDue;
  private long idleToken;
  /** Signed off ({@link #signOffNow}) and no resource came back since: the bridge tells the endpoint nothing. */
  private boolean signedOff;
  /**
   * The login attempts whose session this bridge closed and that have not reported their end yet: messages they
   * still hand over were received by the network for the user, and are not dropped ({@link #lateMessage}).
   */
  private final Set<Integer> closing = new HashSet<>();
  /** The shutdown under way ({@link #shutDown}), or null. */
  private Shutdown shutdown;

  /**
   * @param sequence a sequential executor used by this bridge alone
   * @param onIdle called on {@code sequence} after each {@link #signOff}, with its token: the bridge has no
   *     session, no timer and tells the endpoint nothing more unless the owner routed calls after that one
   */
  UserBridge(
      UserAddress user,
      RegistrationStore store,
      PendingDeliveryStore outbox,
      LegacyNetwork network,
      UserEndpoint endpoint,
      ScheduledExecutorService scheduler,
      Executor sequence,
      Executor sessionHome,
      BridgeSettings settings,
      Backoff backoff,
      TransportMetrics metrics,
      LoginPacer loginPacer,
      ObjLongConsumer<UserBridge> onIdle) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.user = Objects.requireNonNull(user, "user");
    this.store = Objects.requireNonNull(store, "store");
    this.network = Objects.requireNonNull(network, "network");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.sequence = Objects.requireNonNull(sequence, "sequence");
    this.sessionHome = Objects.requireNonNull(sessionHome, "sessionHome");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.rateLimitBackoff = new Backoff(settings.rateLimitedWait(), settings.rateLimitedWait().multipliedBy(8));
    this.loginPacer = Objects.requireNonNull(loginPacer, "loginPacer");
    this.onIdle = Objects.requireNonNull(onIdle, "onIdle");
    this.deliveries = new MessageDeliveryLine(user, endpoint, outbox, task -> submit(task::run), this::deliveriesIdle);
    this.rooms = new BridgeRooms(user, endpoint, task -> submit(task::run), () -> generation);
  }

  UserAddress user() {
    return user;
  }

  /** Joins a chat room once the session is online (issue #18); fails with NotLoggedInException otherwise. */
  void joinRoom(LegacyRoomId room, CompletableFuture<Void> result) {
    whenOnline(session -> rooms.join(session, room), null, result);
  }

  /** Sends to a room the user is in. */
  void sendRoomMessage(LegacyRoomId room, String text, CompletableFuture<Void> result) {
    whenOnline(session -> rooms.send(room, text), null, result);
  }

  /** Leaves a room for good (the user left it). */
  void leaveRoom(LegacyRoomId room) {
    submit(() -> rooms.leave(room));
  }

  /**
   * Treats a login elsewhere ({@code SIGNED_ON_ELSEWHERE}) as a hand-over to another transport instance that
   * serves the same component domain: the bridge ends without telling the endpoint anything (the other
   * instance now sends the user's presences from the same JIDs, and an "offline" from here would override
   * them) and reports itself idle with token -1. Call before the bridge gets work.
   */
  void quietHandOver() {
    quietHandOver = true;
  }

  /**
   * Holds messages while the user's presence is awaited (another instance served the user until now): a
   * bridge without resources queues them, as while logging in, until a resource arrives or they expire; when
   * the last one expires, the owner hears {@code onIdle} with {@code token}. Only queues the call.
   */
  void awaitPresence(long token) {
    inbox.add(() -> {
      if (!ended && shutdown == null && state == SessionState.OFFLINE && resources.isEmpty() && session == null) {
        awaitingPresence = true;
        idleToken = token;
      }
    });
  }

  // ---- From XMPP to the legacy network ------------------------------------------------------------------

  /**
   * A resource is available (XEP-0100 §4.4): the first one starts the login, the highest-priority one sets
   * the legacy status, and the user's kept messages are handed over. Only queues the call: {@link #wake()}
   * runs it.
   */
  void resourceAvailable(String resource, ResourcePresence presence) {
    inbox.add(() -> {
      if (ended || shutdown != null) {
        return;
      }
      idleReportDue = false;
      awaitingPresence = false;
      signedOff = false;
      resources.remove(resource);
      resources.put(resource, presence);
      if (state == SessionState.OFFLINE) {
        startLogin();
      } else {
        applyStatus();
      }
      if (!handedOver) { // else another instance serves the user and their kept messages
        deliveries.userAvailable();
      }
    });
  }

  /**
   * A resource other than the last went offline: another may now decide the status. (After the last one
   * the gateway calls {@link #signOff}.) Only queues the call: {@link #wake()} runs it.
   */
  void resourceUnavailable(String resource) {
    inbox.add(() -> {
      if (!ended) {
        resources.remove(resource);
        applyStatus();
      }
    });
  }

  /**
   * Signs off (XEP-0100 §4.5): closes the session, reports the contacts offline and the state
   * {@code OFFLINE}, rejects waiting messages, forgets the resources; then calls {@code onIdle}. Only queues
   * the call: {@link #wake()} runs it.
   *
   * @param forever whether the bridge refuses everything afterwards (shutdown)
   * @param token passed back to {@code onIdle}, so the owner can tell whether it routed calls since
   * @return completes once signed off
   */
  CompletableFuture<Void> signOff(String detail, boolean forever, long token) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    inbox.add(new Task() {
      @Override
      public void run() {
        if (!ended && shutdown == null) { // else the shutdown signs off, once what is under way settled
          signOffNow(detail, forever, token);
        }
        done.complete(null);
      }

      @Override
      public void rejected() {
        done.complete(null);
      }
    });
    return done;
  }

  /**
   * Ends the bridge for the transport's shutdown. At once: messages waiting for a login are bounced to their
   * senders, as is every message sent from now on ({@link #SHUTTING_DOWN}), and a redelivery of kept messages
   * stops after the message in hand. What was already handed to the session gets up to {@link #SETTLE_WAIT} to be
   * confirmed, so that its sender hears what really happened (delivered, or the server's refusal) and not a
   * guess; messages from contacts meanwhile are delivered as usual. Then the bridge signs off as by
   * {@link #signOff}, telling the endpoint {@code detail}, and refuses everything from then on; messages the
   * closed session still hands over are kept in the outbox ({@link #lateMessage}).
   *
   * <p>The result completes once the bridge signed off, its session reported its end (so no event of it
   * follows), every operation handed to it settled (so every sender got the answer) and every message to the
   * user was written or kept: the endpoint hears nothing more from this bridge. Only queues the call.
   */
  CompletableFuture<Void> shutDown(String detail) {
    CompletableFuture<Void> finished = new CompletableFuture<>();
    inbox.add(new Task() {
      @Override
      public void run() {
        beginShutdown(detail, finished);
      }

      @Override
      public void rejected() {
        finished.complete(null);
      }
    });
    return finished;
  }

  /**
   * A message to a contact (XEP-0100 §4.8): sent at once when online, else queued until the login
   * completes, or rejected. Messages are handed to the session in the order of these calls.
   */
  CompletableFuture<Void> sendMessage(LegacyContactId to, String text) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    submit(new Task() {
      @Override
      public void run() {
        send(to, text, result);
      }

      @Override
      public void rejected() {
        result.completeExceptionally(notConnected("the ICQ transport is shutting down"));
      }
    });
    return result;
  }

  /**
   * Runs {@code operation} on the session if it is online when the call's turn comes, else fails
   * {@code result} with {@link NotLoggedInException}; the session's failure (including
   * {@link UnsupportedOperationException}) passes through as it is. {@code onSuccess} runs on the sequence
   * before {@code result} completes. Only queues the call: {@link #wake()} runs it.
   */
  <T> void whenOnline(
      Function<LegacySession, CompletableFuture<T>> operation, Consumer<T> onSuccess, CompletableFuture<T> result) {
    inbox.add(new Task() {
      @Override
      public void run() {
        if (ended || shutdown != null || state != SessionState.ONLINE || session == null) {
          result.completeExceptionally(notLoggedIn(ended || shutdown != null ? SessionState.OFFLINE : state));
          return;
        }
        CompletableFuture<T> outcome;
        try {
          outcome = operation.apply(session);
        } catch (RuntimeException e) {
          outcome = CompletableFuture.failedFuture(e);
        }
        unsettled.incrementAndGet();
        outcome.whenComplete((value, failure) -> {
          if (failure != null) {
            result.completeExceptionally(Failures.unwrap(failure));
            settled();
          } else if (onSuccess == null) {
            result.complete(value);
            settled();
          } else {
            submit(new Task() {
              @Override
              public void run() {
                try {
                  onSuccess.accept(value);
                } finally {
                  result.complete(value); // the session did it, even if recording it here failed
                  settled();
                }
              }

              @Override
              public void rejected() {
                result.complete(value);
                settled();
              }
            });
          }
        });
      }

      @Override
      public void rejected() {
        result.completeExceptionally(notLoggedIn(SessionState.OFFLINE));
      }
    });
  }

  /** A typing notification (XEP-0085 → ICQ 04/14); dropped unless online. Only queues the call. */
  void sendTyping(LegacyContactId to, TypingState typing) {
    inbox.add(() -> {
      if (!ended && state == SessionState.ONLINE && session != null) {
        try {
          session.sendTyping(to, typing);
        } catch (RuntimeException e) {
          log.warn("Cannot send a typing notification for {}", user, e);
        }
      }
    });
  }

  /**
   * Closes the session and logs in again at once with a fresh backoff (the user's "reconnect" command).
   * Messages waiting for the login stay queued. Does nothing unless a resource is available. Only queues
   * the call: {@link #wake()} runs it.
   */
  void reconnect() {
    inbox.add(() -> {
      if (ended || shutdown != null || resources.isEmpty()) {
        return;
      }
      log.info("Reconnecting {} to ICQ on request", user);
      closeSessionForNewLogin();
      startLogin();
    });
  }

  /**
   * Closes the current session (if any) and forgets what it reported, to log in again at once on the user's
   * request: the delays and the count of short-lived sessions start over.
   */
  private void closeSessionForNewLogin() {
    LegacySession current = session;
    int attempt = generation;
    generation++; // the closed session's events are stale from here on
    cancel(loginTimeout);
    cancel(retry);
    cancel(sessionOutlivedShort);
    sessionStable = false;
    session = null;
    closeSession(current, attempt);
    contactsOffline();
    knownContacts = List.of();
    appliedStatus = null;
    backoff.reset();
    shortSessionsInARow = 0;
  }

  /**
   * The user registers again (XEP-0077 §3.1 while registered; {@code previous} is the stored registration), to
   * change the password or the account. A session logged in with exactly these credentials is kept
   * and nothing logs in. Otherwise the current session, if any, is signed off once and the next login, in its
   * pacer slot, uses the new credentials: when it succeeds the registration is saved and {@code result}
   * completes, and the bridge stays online with that session. When it fails, {@code result} fails with the
   * login failure and the bridge goes back to the stored registration (at once if the new credentials were
   * refused, else after the failure's usual wait). Only queues the call: {@link #wake()} runs it.
   */
  void register(LegacyCredentials candidate, Registration previous, CompletableFuture<Registration> result) {
    inbox.add(new Task() {
      @Override
      public void run() {
        if (ended || shutdown != null) {
          rejected();
          return;
        }
        if (state == SessionState.ONLINE && session != null && candidate.equals(credentials)) {
          log.info("{} registered again with the ICQ account {} it is logged in with; keeping the session", user,
              candidate.account());
          result.complete(previous);
          return;
        }
        failPendingRegistration("another registration replaced this one");
        log.info("Replacing the ICQ session of {} to check the new registration of {}", user, candidate.account());
        closeSessionForNewLogin();
        pendingRegistration = new PendingRegistration(candidate, previous, result);
        startLogin();
      }

      @Override
      public void rejected() {
        result.completeExceptionally(
            new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, "the transport is shutting down"));
      }
    });
  }

  private void failPendingRegistration(String why) {
    PendingRegistration pending = pendingRegistration;
    pendingRegistration = null;
    if (pending != null) {
      pending.result().completeExceptionally(new LoginFailedException(LoginFailure.SERVICE_UNAVAILABLE, why));
    }
  }

  /**
   * The user's server bounced a message from a contact that the endpoint wrote
   * ({@link MessageDeliveryLine#bounced}): it is kept again, even after the shutdown's sign-off, since the
   * outbox outlives the bridge. Only queues the call: {@link #wake()} runs it.
   */
  void undeliverable(LegacyContactId from, String text, Instant sentAt) {
    inbox.add(() -> deliveries.bounced(from, text, sentAt));
  }

  /** The contact list last reported while logged in; empty while not. Safe from any thread. */
  List<LegacyContact> contacts() {
    return knownContacts;
  }

  /** The account as the network spells it, from the last login that said so. Safe from any thread. */
  Optional<String> accountDisplayName() {
    return Optional.ofNullable(accountDisplayName);
  }

  /** What a session says of the account's spelling; a failing implementation is as one that says nothing. */
  private String displayNameOf(LegacySession opened) {
    try {
      return opened.accountDisplayName().filter(name -> !name.isBlank()).orElse(null);
    } catch (RuntimeException e) {
      log.warn("The session of {} failed to name its account", user, e);
      return null;
    }
  }

  /**
   * Records a contact the user added or changed through this session, which the server does not echo (SSI
   * edits reach only the account's other clients). Runs on the sequence, as {@link #whenOnline}'s hook.
   */
  void editedContact(LegacyContact contact) {
    if (state == SessionState.ONLINE) {
      rememberContact(contact);
    }
  }

  /** Records a contact the user removed through this session; see {@link #editedContact}. */
  void removedContact(LegacyContactId contact) {
    if (state == SessionState.ONLINE) {
      forgetContact(contact);
    }
  }

  private void rememberContact(LegacyContact contact) {
    List<LegacyContact> next = new ArrayList<>(knownContacts);
    next.removeIf(known -> known.id().equals(contact.id()));
    next.add(contact);
    knownContacts = List.copyOf(next);
  }

  private void forgetContact(LegacyContactId contact) {
    List<LegacyContact> next = new ArrayList<>(knownContacts);
    if (next.removeIf(known -> known.id().equals(contact))) {
      knownContacts = List.copyOf(next);
    }
  }

  /** Runs what was queued; safe to call from any thread, any number of times. */
  void wake() {
    try {
      sequence.execute(this::drainInbox);
    } catch (RejectedExecutionException e) {
      log.warn("Dropped the calls for {}: the executor is shut down", user);
      Task task;
      while ((task = inbox.poll()) != null) {
        task.rejected();
      }
    }
  }

  /** Runs the queued calls with the user's bare JID as the log context ({@value #MDC_USER} in the MDC). */
  private void drainInbox() {
    try (MDC.MDCCloseable context = MDC.putCloseable(MDC_USER, user.toString())) {
      Task task;
      while ((task = inbox.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          log.error("Bridge task for {} failed", user, e);
        }
      }
    }
  }

  private void send(LegacyContactId to, String text, CompletableFuture<Void> result) {
    if (ended) {
      result.completeExceptionally(notConnected(shutdown != null ? SHUTTING_DOWN : NOT_LOGGED_IN));
      return;
    }
    if (shutdown != null) {
      result.completeExceptionally(notConnected(SHUTTING_DOWN));
      return;
    }
    switch (state) {
      case ONLINE -> transmit(to, text, result);
      case LOGGING_IN, RECONNECTING -> enqueue(to, text, result);
      case OFFLINE -> {
        if (awaitingPresence) {
          enqueue(to, text, result);
        } else {
          result.completeExceptionally(notConnected(notSentReason));
        }
      }
      default -> result.completeExceptionally(notConnected(notSentReason));
    }
  }

  private void enqueue(LegacyContactId to, String text, CompletableFuture<Void> result) {
    if (queue.size() >= settings.maxQueuedMessages()) {
      result.completeExceptionally(new MessageRejectedException(Reason.RATE_LIMITED,
          "Message not sent: too many messages waiting for the ICQ login (at most "
              + settings.maxQueuedMessages() + ")."));
      return;
    }
    QueuedMessage message = new QueuedMessage(to, text, result);
    message.expiry = schedule(() -> expire(message), settings.queuedMessageTimeout());
    queue.add(message);
  }

  private void expire(QueuedMessage message) {
    if (queue.remove(message)) {
      message.result.completeExceptionally(notConnected(
          "still not logged in to ICQ after " + describe(settings.queuedMessageTimeout())));
      if (awaitingPresence && queue.isEmpty() && state == SessionState.OFFLINE && resources.isEmpty()) {
        awaitingPresence = false; // the user's presence never came: this bridge is not needed
        idleReportDue = true;
        reportIdleIfDue();
      }
    }
  }

  private void flushQueue() {
    QueuedMessage message;
    while ((message = queue.poll()) != null) {
      cancel(message.expiry);
      transmit(message.to, message.text, message.result);
    }
  }

  private void rejectQueued(String reason) {
    QueuedMessage message;
    while ((message = queue.poll()) != null) {
      cancel(message.expiry);
      message.result.completeExceptionally(notConnected(reason));
    }
  }

  private void transmit(LegacyContactId to, String text, CompletableFuture<Void> result) {
    CompletableFuture<Void> sent;
    try {
      sent = session.sendMessage(to, text);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    unsettled.incrementAndGet();
    sent.whenComplete((ignored, failure) -> {
      if (failure == null) {
        result.complete(null);
      } else {
        result.completeExceptionally(Failures.unwrap(failure));
      }
      settled(); // after the sender's callbacks: the answer to the message is on its way
    });
  }

  /** One operation handed to the session settled (any thread); the last one wakes a waiting shutdown. */
  private void settled() {
    if (unsettled.decrementAndGet() == 0 && shutdownWaitsForSettling) {
      submit(this::shutdownProgress);
    }
  }

  private void applyStatus() {
    if (state != SessionState.ONLINE || session == null) {
      return;
    }
    ResourcePresence top = null;
    for (ResourcePresence presence : resources.values()) {
      if (top == null || presence.priority() >= top.priority()) {
        top = presence;
      }
    }
    if (top == null || top.sameLegacyStatus(appliedStatus)) {
      return;
    }
    appliedStatus = top;
    try {
      session.setStatus(top.status(), top.text());
    } catch (RuntimeException e) {
      log.warn("Cannot set the ICQ status of {}", user, e);
    }
  }

  // ---- Login, reconnect, end ----------------------------------------------------------------------------

  private void startLogin() {
    int attempt = ++generation;
    Optional<Registration> registration;
    try {
      registration = store.find(user);
    } catch (StoreException e) {
      log.warn("Cannot read the registration of {}", user, e);
      scheduleReconnect("Cannot read your registration");
      return;
    }
    if (registration.isEmpty()) {
      failPendingRegistration("your registration was removed meanwhile");
      setState(SessionState.LOGIN_FAILED, "You are not registered with the ICQ transport.",
          "you are not registered with the ICQ transport");
      return;
    }
    credentials = pendingRegistration != null ? pendingRegistration.candidate() : registration.get().credentials();
    sessionOptions = registration.get().options();
    // Every login, first or retried, waits for its slot so that many at once stay within the server's limit.
    CompletableFuture<LoginSlot> next = loginPacer.nextSlot(credentials.account());
    // The detail is only what the user should know beyond "logging in": that logins are slowed down.
    OptionalDouble slowed = loginPacer.slowedTo();
    setState(SessionState.LOGGING_IN, slowed.isPresent() ? "Logins through this transport are slowed down to "
        + describeRate(slowed.getAsDouble()) + " because the ICQ server refused logins for its rate limits." : null,
        null);
    if (next.isDone() && !next.isCompletedExceptionally()) {
      openSession(attempt, next.join());
      return;
    }
    log.debug("Login of {} waits for its slot", user);
    retry = next;
    LegacyCredentials waitingCredentials = credentials;
    LegacySessionOptions waitingOptions = sessionOptions;
    next.whenComplete((granted, failure) -> {
      if (granted != null) {
        // The login leaves at once, on the pacer's thread, not after the tasks queued in the lanes: a login that
        // waited behind them (a restart's thousands of presences) would reach the server late, together with the
        // logins of the next slots, and overshoot the server's limit the pacer keeps to. The lane's part comes
        // first in its queue: the slot and the timeout are set before the login's answer is handled. A user who
        // went away meanwhile (the slot was cancelled too late) gets the session closed at its answer.
        submit(() -> {
          if (!ended && attempt == generation && state == SessionState.LOGGING_IN) {
            loginStarted(attempt, granted);
          }
        });
        open(attempt, granted, waitingCredentials, waitingOptions);
      }
    });
  }

  /** Starts login {@code attempt} with the slot just granted; on the user's lane. */
  private void openSession(int attempt, LoginSlot granted) {
    loginStarted(attempt, granted);
    open(attempt, granted, credentials, sessionOptions);
  }

  /** The lane's part of a login that starts: the slot it had and its timeout. */
  private void loginStarted(int attempt, LoginSlot granted) {
    slot = granted;
    loginTimeout = schedule(() -> loginTimedOut(attempt), settings.loginTimeout());
  }

  /**
   * Opens the session of login {@code attempt} in {@code granted}'s slot; its answer goes to the pacer at once
   * ({@link LoginPacer#answered}) and then to the user's lane. Touches no state of the bridge, so it may run on the
   * pacer's thread.
   */
  private void open(int attempt, LoginSlot granted, LegacyCredentials credentials, LegacySessionOptions options) {
    log.debug("Logging in {} as ICQ {} (attempt {})", user, credentials.account(), attempt);
    CompletableFuture<LegacySession> opening;
    try {
      opening = network.open(credentials, options, new SessionListener(attempt), sessionHome);
    } catch (RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    opening.whenComplete((opened, failure) -> {
      LoginFailedException refusal = failure == null ? null : Failures.asLoginFailure(failure);
      // The pacer hears it on the thread that completed the login: behind the lanes' queues (a restart's thousands
      // of presences) a refusal would slow the logins down only after more of them had overshot (issue #20).
      answered(attempt, opened, refusal, loginPacer.answered(granted, refusal));
    });
  }

  /** Hands the answer to login {@code attempt} to the user's lane. */
  private void answered(int attempt, LegacySession opened, LoginFailedException refusal, boolean slowedDown) {
    submit(new Task() {
      @Override
      public void run() {
        loginCompleted(attempt, opened, refusal, slowedDown);
      }

      @Override
      public void rejected() {
        closeQuietly(opened);
      }
    });
  }

  private void loginCompleted(int attempt, LegacySession opened, LoginFailedException failure, boolean slowedDown) {
    if (attempt != generation || ended) {
      closeSession(opened, attempt); // a late answer to an attempt that timed out or was abandoned
      return;
    }
    cancel(loginTimeout);
    if (failure != null) {
      loginFailed(failure, slowedDown);
      return;
    }
    log.info("{} is logged in to ICQ as {}", user, credentials.account());
    metrics.loginSucceeded();
    accountDisplayName = displayNameOf(opened);
    if (pendingRegistration != null) {
      saveRegistration(pendingRegistration);
    }
    session = opened;
    appliedStatus = null;
    rateLimitBackoff.reset();
    rateLimitedSinceLogin = false;
    sessionStable = false;
    sessionOutlivedShort = schedule(() -> {
      if (!ended && attempt == generation && state == SessionState.ONLINE) {
        sessionStable = true;
        shortSessionsInARow = 0;
        backoff.reset();
      }
    }, settings.shortSession());
    setState(SessionState.ONLINE, null, null);
    applyStatus();
    flushQueue();
    rooms.rejoin(opened);
  }

  /** The new credentials logged in: they become the registration. */
  private void saveRegistration(PendingRegistration pending) {
    pendingRegistration = null;
    Registration registration = new Registration(user, pending.candidate(), Instant.now())
        .withOptions(pending.previous().options());
    try {
      store.save(registration);
    } catch (StoreException e) {
      // The session goes on with the new credentials; the next login reads the old ones again.
      log.warn("Cannot store the new registration of {}: {}", user, e.reason());
      pending.result().completeExceptionally(e);
      return;
    }
    metrics.registered();
    log.info("Registered {} as ICQ {} (session replaced)", user, pending.candidate().account());
    pending.result().complete(registration);
  }

  private void loginTimedOut(int attempt) {
    if (attempt == generation && !ended && state == SessionState.LOGGING_IN) {
      loginFailed(new LoginFailedException(LoginFailure.TIMEOUT,
          "no answer within " + describe(settings.loginTimeout())), false);
    }
  }

  /** @param slowedDown whether the pacer slowed down for this refusal ({@link LoginPacer#answered}) */
  private void loginFailed(LoginFailedException failure, boolean slowedDown) {
    generation++; // whatever this attempt still produces is stale now
    LoginFailure reason = failure.failure();
    metrics.loginFailed(reason);
    log.info("ICQ login of {} as {} failed: {}", user, credentials.account(), failure.getMessage());
    PendingRegistration refused = pendingRegistration;
    if (refused != null) {
      pendingRegistration = null;
      refused.result().completeExceptionally(failure);
      credentials = refused.previous().credentials();
      if (!reason.isRetryable()) {
        // The new credentials were refused; the stored ones still hold: log in with them again, once.
        log.info("Keeping the registration of {} as ICQ {}", user, credentials.account());
        startLogin();
        return;
      }
    }
    if (reason == LoginFailure.RATE_LIMITED) {
      loginRateLimited(failure, slowedDown);
    } else if (reason.isRetryable()) {
      scheduleReconnect("Could not log in to ICQ (" + failure.getMessage() + ")");
    } else {
      // A refused certificate is only understood with its host and reason ("certificate for … not trusted").
      String text = "Could not log in to ICQ: "
          + (reason == LoginFailure.CERTIFICATE_REFUSED ? failure.getMessage() : reason.description());
      setState(SessionState.LOGIN_FAILED, text, "could not log in to ICQ (" + reason.description() + ")");
      rejectQueued(notSentReason);
    }
  }

  /**
   * A login refused for the server's rate limits (0x0016-0x0018, 0x001D). The first refusal of the account that
   * answered a login of a crowd is the transport's own pace overshooting the server's limit of logins per address:
   * the pacer slows down and the login goes again after {@link #PACE_REFUSAL_WAIT}. Any other refusal may be the
   * account's lockout, which every early retry extends: it waits the long {@code rateLimitedWait}.
   */
  private void loginRateLimited(LoginFailedException failure, boolean slowedDown) {
    LoginSlot refused = slot;
    boolean refusedRecently = rateLimitedSinceLogin || lastRateLimited != null && refused != null
        && refused.grantedAtNanos() - lastRateLimited.grantedAtNanos() < settings.rateLimitedWait().toNanos();
    rateLimitedSinceLogin = true;
    if (refused != null) {
      lastRateLimited = refused;
    }
    if (refused != null && refused.crowded() && !refusedRecently) {
      Duration delay = PACE_REFUSAL_WAIT.compareTo(settings.rateLimitedWait()) < 0
          ? PACE_REFUSAL_WAIT : settings.rateLimitedWait();
      log.info("Login of {} refused while the transport logged many users in{}: trying again in {}", user,
          slowedDown ? " (logins slowed down)" : "", describe(delay));
      scheduleRetry(delay, "ICQ refused the login for now (" + failure.getMessage() + "): the transport was"
          + " logging many users in faster than the ICQ server takes from one address. It slowed its logins down"
          + " and tries again in " + describe(delay) + ".");
      return;
    }
    Duration delay = rateLimitBackoff.nextDelay();
    scheduleRetry(delay, "ICQ refused the login for now (" + failure.getMessage() + "). The transport waits "
        + describe(delay) + " before trying again, so as not to extend the lockout.");
  }

  private void scheduleReconnect(String why) {
    Duration delay = backoff.nextDelay();
    scheduleRetry(delay, why + "; retrying in " + describe(delay) + ".");
  }

  private void scheduleRetry(Duration delay, String detail) {
    int expected = generation;
    metrics.reconnectScheduled();
    setState(SessionState.RECONNECTING, detail, null);
    retry = schedule(() -> {
      if (!ended && generation == expected && state == SessionState.RECONNECTING) {
        startLogin();
      }
    }, delay);
  }

  private void sessionClosed(DisconnectReason reason, String detail) {
    generation++;
    cancel(loginTimeout);
    cancel(sessionOutlivedShort);
    boolean shortLived = !sessionStable;
    sessionStable = false;
    session = null;
    contactsOffline();
    knownContacts = List.of();
    String why = describe(reason) + (detail == null || detail.isEmpty() ? "" : ": " + detail);
    rooms.sessionLost(why);
    log.info("ICQ session of {} as {} ended: {}", user, credentials.account(), why);
    if (reason == DisconnectReason.SIGNED_ON_ELSEWHERE && quietHandOver) {
      handOver();
    } else if (reason == DisconnectReason.SIGNED_ON_ELSEWHERE) {
      setState(SessionState.SIGNED_ON_ELSEWHERE,
          "Another client signed on to ICQ as " + credentials.account() + "; the transport will not reconnect.",
          "another client signed on to ICQ with your account");
      rejectQueued(notSentReason);
    } else if (reason == DisconnectReason.CLOSED_BY_SERVER) {
      setState(SessionState.STOPPED, "The ICQ server ended the session (" + why + "). Servers do this when another"
          + " client signs on with your account, so the transport does not log in again by itself.",
          "the ICQ server ended your session");
      rejectQueued(notSentReason);
    } else if (reason.shouldReconnect() && shortLived
        && ++shortSessionsInARow >= settings.shortSessionsBeforeStop()) {
      setState(SessionState.STOPPED, "The ICQ session ended " + shortSessionsInARow + " times in a row within "
          + describe(settings.shortSession()) + " of logging in (last: " + why + "). The transport stopped trying,"
          + " so as not to get your account locked by the server.", "the ICQ session keeps ending right after login");
      rejectQueued(notSentReason);
    } else if (reason.shouldReconnect()) {
      scheduleReconnect("Disconnected from ICQ (" + why + ")");
    } else {
      // The network closed the session on its own initiative with a "client" reason: stay offline until the
      // next presence rather than guess.
      setState(SessionState.OFFLINE, "The ICQ session ended (" + why + ").", NOT_LOGGED_IN);
      rejectQueued(notSentReason);
    }
  }

  /**
   * Another transport instance took the user over (see {@link #quietHandOver()}): nothing is said to the
   * endpoint, waiting messages are bounced, and the owner is told to forget this bridge (token -1). The state
   * stays {@code SIGNED_ON_ELSEWHERE} so a presence routed here before that does not log in again.
   */
  private void handOver() {
    log.info("ICQ session of {} taken over by another transport instance; ending this bridge quietly", user);
    failPendingRegistration("your ICQ session moved to another transport instance; register again");
    handedOver = true;
    state = SessionState.SIGNED_ON_ELSEWHERE;
    notSentReason = "your ICQ session moved to another transport instance; send the message again";
    onlineContacts.clear();
    awayMessages.clear();
    rejectQueued(notSentReason);
    resources.clear();
    appliedStatus = null;
    idleReportDue = true;
    idleToken = -1;
    reportIdleIfDue();
  }

  private void signOffNow(String detail, boolean forever, long token) {
    failPendingRegistration("you went offline before the new registration could be checked");
    LegacySession current = session;
    int attempt = generation;
    generation++;
    cancel(loginTimeout);
    cancel(retry);
    session = null;
    rooms.signedOff(detail);
    closeSession(current, attempt);
    contactsOffline();
    knownContacts = List.of();
    rejectQueued("the ICQ session ended before the message could be sent");
    awaitingPresence = false;
    resources.clear();
    appliedStatus = null;
    backoff.reset();
    cancel(sessionOutlivedShort);
    sessionStable = false;
    shortSessionsInARow = 0;
    if (handedOver) {
      state = SessionState.OFFLINE; // silently: another instance serves the user now
      notSentReason = NOT_LOGGED_IN;
    } else if (state != SessionState.OFFLINE) {
      setState(SessionState.OFFLINE, detail, NOT_LOGGED_IN);
    }
    ended = forever;
    signedOff = true;
    log.debug("{} signed off from ICQ", user);
    idleReportDue = true;
    idleToken = token;
    reportIdleIfDue();
  }

  /** The delivery line became idle: the owner may hear that the bridge is, and a shutdown may be done. */
  private void deliveriesIdle() {
    reportIdleIfDue();
    shutdownProgress();
  }

  /** Tells the owner the bridge is idle, once deliveries in flight or being redelivered are done. */
  private void reportIdleIfDue() {
    if (idleReportDue && deliveries.isIdle()) {
      idleReportDue = false;
      deliveries.release();
      onIdle.accept(this, idleToken);
    }
  }

  // ---- The transport's shutdown -------------------------------------------------------------------------

  private void beginShutdown(String detail, CompletableFuture<Void> finished) {
    if (shutdown != null) {
      shutdown.finished.whenComplete((ignored, failure) -> finished.complete(null));
      return;
    }
    shutdown = new Shutdown(detail, finished);
    deliveries.close();
    rejectQueued(SHUTTING_DOWN);
    failPendingRegistration("the transport is shutting down");
    shutdownWaitsForSettling = true;
    int waiting = unsettled.get();
    if (ended || session == null || waiting == 0) {
      signOffForShutdown();
      return;
    }
    log.info("Signing {} off ICQ once the server answered the {} messages and requests under way (at most {})",
        user, waiting, describe(SETTLE_WAIT));
    shutdown.settleTimer = schedule(this::signOffForShutdown, SETTLE_WAIT);
  }

  /** The shutdown's sign-off proper, once what was handed to the session settled (or it waited long enough). */
  private void signOffForShutdown() {
    if (!ended) {
      cancel(shutdown.settleTimer);
      signOffNow(shutdown.detail, true, -1);
    }
    shutdownProgress();
  }

  /**
   * Moves a shutdown on: signs off once everything handed to the session settled; completes it once the bridge
   * signed off, every session it closed reported its end, nothing is unsettled and the deliveries are idle.
   */
  private void shutdownProgress() {
    if (shutdown == null || shutdown.finished.isDone()) {
      return;
    }
    if (!ended) {
      if (unsettled.get() == 0) {
        signOffForShutdown();
      }
      return;
    }
    if (closing.isEmpty() && unsettled.get() == 0 && deliveries.isIdle()) {
      cancel(shutdown.settleTimer);
      log.debug("{} is done with the endpoint", user);
      shutdown.finished.complete(null);
    }
  }

  /**
   * A message the network handed to a session this bridge had already closed (signed off, or replaced by a new
   * login) before that session reported its end. The network counts it as delivered, so it is not dropped: a
   * bridge that still serves the user delivers it as usual; one that signed off (the user went offline, or the
   * transport stops) keeps it in the outbox for the user's next available presence, here or, with several
   * instances, on the instance that gets that presence.
   */
  private void lateMessage(LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    if (ended || signedOff || handedOver) {
      log.info("A message from {} to {} arrived as the ICQ session was signed off; keeping it for the user's next"
          + " available presence", from, user);
      deliveries.keepLate(from, text, sentAt, receivedAt);
    } else {
      deliveries.live(from, text, sentAt, receivedAt);
    }
  }

  // ---- From the legacy network to XMPP (XEP-0100 §5) ---------------------------------------------------

  /** Events of one login attempt; they act only while that attempt is the current one. */
  private final class SessionListener implements LegacyListener {
    private final int attempt;

    SessionListener(int attempt) {
      this.attempt = attempt;
    }

    /** The server took the login: counted by the pacer as it comes, on the network's thread (issue #20). */
    @Override
    public void loginAccepted() {
      loginPacer.accepted();
    }

    @Override
    public void contactListReceived(List<LegacyContact> contacts) {
      List<LegacyContact> copy = List.copyOf(contacts);
      onCurrent(() -> {
        knownContacts = copy;
        tell(() -> endpoint.contactListReceived(user, copy));
      });
    }

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {
      onCurrent(() -> {
        if (presence.status().isAvailable()) {
          onlineContacts.add(contact);
        } else {
          onlineContacts.remove(contact);
        }
        LegacyPresence report = awayMessages.presenceToReport(contact, presence,
            () -> fetchAwayMessage(attempt, contact, presence.status()));
        tell(() -> endpoint.contactPresenceChanged(user, contact, report));
      });
    }

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {
      Instant receivedAt = Instant.now();
      submit(() -> {
        if (!ended && attempt == generation) {
          metrics.messageFromLegacy();
          deliveries.live(from, text, sentAt, receivedAt);
        } else if (closing.contains(attempt)) {
          metrics.messageFromLegacy();
          lateMessage(from, text, sentAt, receivedAt);
        }
        // else: from a session that already reported its end, or from an abandoned login: stale, as its other events
      });
    }

    /** Unconfirmed unless every one is passed on (a stale session's never are: they come again). */
    @Override
    public void offlineMessagesReceived(List<OfflineMessage> messages, DeliveryConfirmation confirmation) {
      List<OfflineMessage> copy = List.copyOf(messages);
      Instant receivedAt = Instant.now();
      onCurrent(() -> {
        copy.forEach(message -> metrics.messageFromLegacy());
        deliveries.offline(copy, confirmation, receivedAt);
      });
    }

    @Override
    public void typingChanged(LegacyContactId contact, TypingState typing) {
      onCurrent(() -> tell(() -> endpoint.typingChanged(user, contact, typing)));
    }

    @Override
    public void authorizationRequested(LegacyContactId contact, String reason) {
      onCurrent(() -> tell(() -> endpoint.authorizationRequested(user, contact, reason)));
    }

    @Override
    public void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {
      onCurrent(() -> tell(() -> endpoint.authorizationAnswered(user, contact, granted, reason)));
    }

    @Override
    public void addedByContact(LegacyContactId contact) {
      onCurrent(() -> tell(() -> endpoint.addedByContact(user, contact)));
    }

    @Override
    public void contactUpdated(LegacyContact contact) {
      onCurrent(() -> {
        rememberContact(contact);
        tell(() -> endpoint.contactUpdated(user, contact));
      });
    }

    @Override
    public void contactRemoved(LegacyContactId contact) {
      onCurrent(() -> {
        forgetContact(contact);
        tell(() -> endpoint.contactRemoved(user, contact));
      });
    }

    @Override
    public void fileOffered(LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
      onCurrent(() -> tell(() -> endpoint.fileOffered(user, from, offer)));
    }

    @Override
    public void roomInvitation(LegacyContactId from, LegacyRoomId room, String text) {
      onCurrent(() -> tell(() -> endpoint.roomInvitation(user, from, room, text)));
    }

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {
      submit(() -> {
        if (closing.remove(attempt)) { // this bridge closed it: nothing follows from it any more
          shutdownProgress();
        } else if (!ended && attempt == generation) {
          if (shutdown != null) { // it ended by itself while the shutdown let it settle
            generation++;
            session = null;
            signOffForShutdown();
          } else {
            UserBridge.this.sessionClosed(reason, detail);
          }
        }
      });
    }

    private void onCurrent(Runnable event) {
      submit(() -> {
        if (!ended && attempt == generation) {
          event.run();
        }
      });
    }
  }

  // ---- Helpers ------------------------------------------------------------------------------------------

  private void setState(SessionState next, String detail, String reasonNotSent) {
    SessionState previous = state;
    state = next;
    if (previous != next) {
      metrics.sessionStateChanged(previous, next);
    }
    notSentReason = reasonNotSent;
    tell(() -> endpoint.sessionStateChanged(user, next, detail));
  }

  private void contactsOffline() {
    for (LegacyContactId contact : onlineContacts) {
      tell(() -> endpoint.contactPresenceChanged(user, contact, LegacyPresence.offline()));
    }
    onlineContacts.clear();
    awayMessages.clear();
  }

  /**
   * Asks for a contact's away message (the status came without it) and reports the presence again with the
   * text, if the contact is still in that status when it comes; a failure only leaves the presence without text.
   */
  private void fetchAwayMessage(int attempt, LegacyContactId contact, LegacyStatus status) {
    LegacySession current = session;
    if (current == null) {
      return;
    }
    CompletableFuture<Optional<String>> fetch;
    try {
      fetch = current.fetchStatusMessage(contact);
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    fetch.whenComplete((text, failure) -> submit(() -> {
      if (ended || attempt != generation || state != SessionState.ONLINE) {
        return;
      }
      if (failure != null) {
        log.debug("No away message of ICQ {} for {}: {}", contact, user, failure.toString());
        return;
      }
      text.flatMap(t -> awayMessages.arrived(contact, status, t))
          .ifPresent(complete -> tell(() -> endpoint.contactPresenceChanged(user, contact, complete)));
    }));
  }

  /** Calls the endpoint; a failing endpoint must not leave this bridge half-way through a transition. */
  private void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.error("The user endpoint failed for {}", user, e);
    }
  }

  private void submit(Task task) {
    inbox.add(task);
    wake();
  }

  /** Runs {@code task} on this bridge's sequence after {@code delay}. */
  private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    try {
      return scheduler.schedule(() -> submit(task::run), delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      log.warn("Cannot schedule a timer for {}: the scheduler is shut down", user);
      return null;
    }
  }

  private static void cancel(Future<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /**
   * Closes the session of login {@code attempt} (if any) and remembers it in {@link #closing} until it reports its
   * end, which {@link LegacySession#close()} promises; a close that throws will report nothing.
   */
  private void closeSession(LegacySession toClose, int attempt) {
    if (toClose == null) {
      return;
    }
    closing.add(attempt);
    if (!closeQuietly(toClose)) {
      closing.remove(attempt);
    }
  }

  /** Closes the session if there is one; false if closing it threw (logged). */
  private boolean closeQuietly(LegacySession toClose) {
    if (toClose == null) {
      return true;
    }
    try {
      toClose.close();
      return true;
    } catch (RuntimeException e) {
      log.warn("Closing an ICQ session of {} failed", user, e);
      return false;
    }
  }

  /** Why an operation cannot run now, for the user. */
  static NotLoggedInException notLoggedIn(SessionState current) {
    String why = switch (current) {
      case OFFLINE -> "offline";
      case LOGGING_IN -> "still logging in";
      case ONLINE -> "online, but the session is gone";
      case RECONNECTING -> "reconnecting";
      case LOGIN_FAILED -> "the login failed";
      case SIGNED_ON_ELSEWHERE -> "another client signed on with your account";
      case STOPPED -> "the transport stopped the session";
    };
    return new NotLoggedInException("You are not logged in to ICQ (" + why + "); try again once the transport"
        + " shows you online.");
  }

  private static MessageRejectedException notConnected(String reason) {
    return new MessageRejectedException(Reason.NOT_CONNECTED, "Message not sent: " + reason + ".");
  }

  private static String describe(DisconnectReason reason) {
    return switch (reason) {
      case CLOSED_BY_CLIENT -> "closed";
      case SIGNED_ON_ELSEWHERE -> "signed on elsewhere";
      case CLOSED_BY_SERVER -> "closed by the server";
      case CONNECTION_LOST -> "connection lost";
      case PROTOCOL_ERROR -> "protocol error";
    };
  }

  /** A login rate for a human: "8.5 logins per second", "one login every 4 s". */
  static String describeRate(double loginsPerSecond) {
    if (loginsPerSecond >= 1) {
      return String.format(java.util.Locale.ROOT, "%.1f logins per second", loginsPerSecond).replace(".0 ", " ");
    }
    return "one login every " + describe(Duration.ofNanos(Math.round(1e9 / loginsPerSecond)));
  }

  /** A delay for a human: "45 s", "3 min", "4 min 10 s". */
  static String describe(Duration duration) {
    long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    long rest = seconds % 60;
    return rest == 0 ? minutes + " min" : minutes + " min " + rest + " s";
  }

  /** Work for {@link #sequence}; {@link #rejected()} runs instead when the executor is shut down. */
  private interface Task extends Runnable {
    default void rejected() {}
  }

  /** A registration checked by the bridge's own next login ({@link #register}). */
  private record PendingRegistration(
      LegacyCredentials candidate, Registration previous, CompletableFuture<Registration> result) {}

  /** A shutdown under way: what to tell the user, who waits for it, and the longest wait for settling. */
  private static final class Shutdown {
    final String detail;
    final CompletableFuture<Void> finished;
    ScheduledFuture<?> settleTimer;

    Shutdown(String detail, CompletableFuture<Void> finished) {
      this.detail = detail;
      this.finished = finished;
    }
  }

  /** An outgoing message waiting for the login; its expiry rejects it. */
  private static final class QueuedMessage {
    final LegacyContactId to;
    final String text;
    final CompletableFuture<Void> result;
    ScheduledFuture<?> expiry;

    QueuedMessage(LegacyContactId to, String text, CompletableFuture<Void> result) {
      this.to = to;
      this.text = text;
      this.result = result;
    }
  }
}
