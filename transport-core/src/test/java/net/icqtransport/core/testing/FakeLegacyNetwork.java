package net.icqtransport.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.legacy.LegacyNetwork;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.legacy.TypingState;

/**
 * A legacy network scripted by the test: every {@link #open} is recorded as a {@link Login} that stays pending
 * until the test {@linkplain Login#succeed() completes} or {@linkplain Login#fail fails} it; the test then
 * pushes the session's events and inspects what the bridge sent. Contact ids are ICQ-like: 5 to 12 digits.
 */
public final class FakeLegacyNetwork implements LegacyNetwork {

  private final List<Login> logins = new CopyOnWriteArrayList<>();
  private volatile boolean autoSucceed;
  private volatile Runnable onNextOpen;

  @Override
  public CompletableFuture<LegacySession> open(LegacyCredentials credentials, LegacyListener listener) {
    return open(credentials, LegacySessionOptions.DEFAULTS, listener);
  }

  @Override
  public CompletableFuture<LegacySession> open(
      LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener) {
    Login login = new Login(credentials, options, listener);
    synchronized (this) {
      logins.add(login);
      notifyAll();
    }
    Runnable hook = onNextOpen;
    onNextOpen = null;
    if (hook != null) {
      hook.run();
    }
    if (autoSucceed) {
      login.succeed();
    }
    return login.future;
  }

  /** Runs {@code hook} inside the next {@link #open}, to make something happen while a bridge works. */
  public void onNextOpen(Runnable hook) {
    onNextOpen = hook;
  }

  /** From now on every login succeeds at once. */
  public void succeedEveryLogin() {
    autoSucceed = true;
  }

  @Override
  public LegacyContactId parseContactId(String text) {
    String trimmed = text.strip();
    if (!trimmed.matches("[0-9]{5,12}")) {
      throw new IllegalArgumentException("not an ICQ number: " + text);
    }
    return new LegacyContactId(trimmed.replaceFirst("^0+(?=.)", ""));
  }

  /** Every login so far, oldest first. */
  public List<Login> logins() {
    return List.copyOf(logins);
  }

  public int loginCount() {
    return logins.size();
  }

  public Login login(int index) {
    return logins.get(index);
  }

  public Login lastLogin() {
    if (logins.isEmpty()) {
      throw new AssertionError("nobody logged in");
    }
    return logins.get(logins.size() - 1);
  }

  /** Waits until login number {@code index} (from 0) was made. */
  public synchronized Login awaitLogin(int index, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (logins.size() <= index) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("login #" + index + " not made within " + timeout + "; made " + logins.size());
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return logins.get(index);
  }

  /** One call of {@link #open}: its credentials, its listener and the future the test completes. */
  public static final class Login {
    private final LegacyCredentials credentials;
    private final LegacySessionOptions options;
    private final LegacyListener listener;
    private final CompletableFuture<LegacySession> future = new CompletableFuture<>();
    private volatile FakeSession session;

    Login(LegacyCredentials credentials, LegacySessionOptions options, LegacyListener listener) {
      this.credentials = credentials;
      this.options = options;
      this.listener = listener;
    }

    public LegacyCredentials credentials() {
      return credentials;
    }

    public LegacySessionOptions options() {
      return options;
    }

    public LegacyListener listener() {
      return listener;
    }

    public boolean isPending() {
      return !future.isDone();
    }

    /**
     * Completes the login with a new session, which accepts every message at once; the listener hears first that
     * the server accepted the login, as from the ICQ network.
     */
    public FakeSession succeed() {
      listener.loginAccepted();
      FakeSession created = new FakeSession(credentials.account(), listener);
      session = created;
      if (!future.complete(created)) {
        throw new AssertionError("login already completed");
      }
      return created;
    }

    public void fail(LoginFailure failure) {
      fail(failure, "scripted");
    }

    /** Fails the login with {@code failure} and the network's own detail text. */
    public void fail(LoginFailure failure, String detail) {
      if (!future.completeExceptionally(new LoginFailedException(failure, detail))) {
        throw new AssertionError("login already completed");
      }
    }

    /** The session {@link #succeed()} made. */
    public FakeSession session() {
      if (session == null) {
        throw new AssertionError("login did not succeed");
      }
      return session;
    }

    // Events the network pushes for this login's session.

    public void contactList(LegacyContact... contacts) {
      listener.contactListReceived(List.of(contacts));
    }

    public void contactStatus(LegacyContactId contact, LegacyStatus status, String text) {
      listener.contactPresenceChanged(contact, new LegacyPresence(status, text, null));
    }

    public void message(LegacyContactId from, String text) {
      listener.messageReceived(from, text, null);
    }

    public void message(LegacyContactId from, String text, Instant sentAt) {
      listener.messageReceived(from, text, sentAt);
    }

    public void offlineMessages(DeliveryConfirmation confirmation, OfflineMessage... messages) {
      listener.offlineMessagesReceived(List.of(messages), confirmation);
    }

    public void typing(LegacyContactId contact, TypingState state) {
      listener.typingChanged(contact, state);
    }

    public void authorizationRequested(LegacyContactId contact, String reason) {
      listener.authorizationRequested(contact, reason);
    }

    public void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {
      listener.authorizationAnswered(contact, granted, reason);
    }

    public void addedBy(LegacyContactId contact) {
      listener.addedByContact(contact);
    }

    public void contactUpdated(LegacyContact contact) {
      listener.contactUpdated(contact);
    }

    public void contactRemoved(LegacyContactId contact) {
      listener.contactRemoved(contact);
    }

    /** The server ends the session. */
    public void closed(DisconnectReason reason, String detail) {
      if (session != null) {
        session.closed = true;
      }
      listener.sessionClosed(reason, detail);
    }
  }

  /**
   * A session that records what the bridge sends and sets. Its optional operations are recorded as
   * {@link Call}s that stay pending until the test completes them, unless {@link #supportNoOptionalFeature()}
   * makes them the interface's defaults. {@link #operations()} lists every call, messages included, in order.
   */
  public static final class FakeSession implements LegacySession {
    private final LegacyContactId account;
    private final LegacyListener listener;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private volatile boolean optionalFeatures = true;
    private final List<StatusChange> statuses = new CopyOnWriteArrayList<>();
    private volatile boolean autoAccept = true;
    private volatile RuntimeException throwOnNextSend;
    private volatile boolean closed;
    private volatile int closeCalls;
    private volatile boolean endReportedLater;

    FakeSession(LegacyContactId account, LegacyListener listener) {
      this.account = account;
      this.listener = listener;
    }

    @Override
    public LegacyContactId account() {
      return account;
    }

    @Override
    public CompletableFuture<Void> sendMessage(LegacyContactId to, String text) {
      if (closed) {
        throw new AssertionError("sendMessage on a closed session: " + text);
      }
      RuntimeException toThrow = throwOnNextSend;
      if (toThrow != null) {
        throwOnNextSend = null;
        throw toThrow;
      }
      Sent message = new Sent(to, text, new CompletableFuture<>());
      sent.add(message);
      operations.add("sendMessage " + to);
      if (autoAccept) {
        message.result().complete(null);
      }
      return message.result();
    }

    @Override
    public void setStatus(LegacyStatus status, String statusText) {
      statuses.add(new StatusChange(status, statusText));
    }

    @Override
    public void close() {
      closeCalls++;
      if (!closed) {
        closed = true;
        if (!endReportedLater) {
          listener.sessionClosed(DisconnectReason.CLOSED_BY_CLIENT, null);
        }
      }
    }

    /**
     * From now on {@link #close()} does not report the end itself: the test does, with {@link #reportEnd()}, as a
     * real session whose network thread ends it a moment later, after handing over what it had read.
     */
    public void reportEndLater() {
      endReportedLater = true;
    }

    /** Reports the end of a session closed after {@link #reportEndLater()}. */
    public void reportEnd() {
      listener.sessionClosed(DisconnectReason.CLOSED_BY_CLIENT, null);
    }

    @Override
    public void sendTyping(LegacyContactId to, TypingState state) {
      if (optionalFeatures) {
        operations.add("sendTyping " + to + " " + state);
      }
    }

    @Override
    public CompletableFuture<Optional<String>> fetchStatusMessage(LegacyContactId contact) {
      return optionalFeatures ? call("fetchStatusMessage", contact, null) : LegacySession.super.fetchStatusMessage(contact);
    }

    @Override
    public CompletableFuture<ContactAddResult> addContact(LegacyContact contact, String requestText) {
      return optionalFeatures
          ? call("addContact", contact.id(), contact)
          : LegacySession.super.addContact(contact, requestText);
    }

    @Override
    public CompletableFuture<Void> updateContact(LegacyContact contact) {
      return optionalFeatures ? call("updateContact", contact.id(), contact) : LegacySession.super.updateContact(contact);
    }

    /** Rooms asked for, with the listener the bridge gave; completes when the test calls {@link #joined}. */
    private final java.util.Map<net.icqtransport.core.legacy.LegacyRoomId, net.icqtransport.core.legacy.LegacyRoomListener>
        roomListeners = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<net.icqtransport.core.legacy.LegacyRoomId, CompletableFuture<net.icqtransport.core.legacy.LegacyRoom>>
        roomJoins = new java.util.concurrent.ConcurrentHashMap<>();
    /** What was sent to rooms ("room: text") and which rooms were left, in order. */
    private final List<String> roomActions = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<net.icqtransport.core.legacy.LegacyRoom> joinRoom(
        net.icqtransport.core.legacy.LegacyRoomId room, net.icqtransport.core.legacy.LegacyRoomListener roomListener) {
      roomListeners.put(room, roomListener);
      CompletableFuture<net.icqtransport.core.legacy.LegacyRoom> joining = new CompletableFuture<>();
      roomJoins.put(room, joining);
      operations.add("joinRoom " + room.name());
      return joining;
    }

    /** Lets the user into the room asked for, with these occupants; returns the room's listener. */
    public net.icqtransport.core.legacy.LegacyRoomListener joined(net.icqtransport.core.legacy.LegacyRoomId room,
        String... occupants) {
      net.icqtransport.core.legacy.LegacyRoomListener roomListener = roomListeners.get(room);
      if (roomListener == null) {
        throw new AssertionError("no join of " + room + " was asked for");
      }
      roomJoins.get(room).complete(new net.icqtransport.core.legacy.LegacyRoom() {
        @Override
        public net.icqtransport.core.legacy.LegacyRoomId id() {
          return room;
        }

        @Override
        public CompletableFuture<Void> sendMessage(String text) {
          roomActions.add(room.name() + ": " + text);
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void leave() {
          roomActions.add("left " + room.name());
        }
      });
      roomListener.occupantsPresent(java.util.Arrays.stream(occupants).map(LegacyContactId::new).toList());
      return roomListener;
    }

    public List<String> roomActions() {
      return List.copyOf(roomActions);
    }

    @Override
    public CompletableFuture<Void> blockContact(LegacyContactId contact) {
      return optionalFeatures ? call("blockContact", contact, null) : LegacySession.super.blockContact(contact);
    }

    @Override
    public CompletableFuture<Void> unblockContact(LegacyContactId contact) {
      return optionalFeatures ? call("unblockContact", contact, null) : LegacySession.super.unblockContact(contact);
    }

    @Override
    public CompletableFuture<java.util.Set<LegacyContactId>> blockedContacts() {
      return optionalFeatures ? call("blockedContacts", null, null) : LegacySession.super.blockedContacts();
    }

    @Override
    public CompletableFuture<Void> removeContact(LegacyContactId contact) {
      return optionalFeatures ? call("removeContact", contact, null) : LegacySession.super.removeContact(contact);
    }

    @Override
    public CompletableFuture<Void> requestAuthorization(LegacyContactId contact, String text) {
      return optionalFeatures
          ? call("requestAuthorization", contact, text)
          : LegacySession.super.requestAuthorization(contact, text);
    }

    @Override
    public CompletableFuture<Void> answerAuthorization(LegacyContactId contact, boolean granted, String reason) {
      return optionalFeatures
          ? call("answerAuthorization", contact, granted)
          : LegacySession.super.answerAuthorization(contact, granted, reason);
    }

    @Override
    public CompletableFuture<LegacyUserInfo> fetchUserInfo(LegacyContactId user) {
      return optionalFeatures ? call("fetchUserInfo", user, null) : LegacySession.super.fetchUserInfo(user);
    }

    @Override
    public CompletableFuture<List<LegacyUserInfo>> search(LegacySearchQuery query) {
      return optionalFeatures ? call("search", query.uin(), query) : LegacySession.super.search(query);
    }

    @Override
    public CompletableFuture<byte[]> fetchAvatar(LegacyContactId contact, AvatarId avatar) {
      return optionalFeatures ? call("fetchAvatar", contact, avatar) : LegacySession.super.fetchAvatar(contact, avatar);
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> call(String operation, LegacyContactId contact, Object argument) {
      if (closed) {
        throw new AssertionError(operation + " on a closed session");
      }
      Call call = new Call(operation, contact, argument, new CompletableFuture<>());
      calls.add(call);
      operations.add(operation + " " + contact);
      return (CompletableFuture<T>) (CompletableFuture<?>) call.result();
    }

    /** From now on the optional operations behave as {@link LegacySession}'s defaults (unsupported). */
    public void supportNoOptionalFeature() {
      optionalFeatures = false;
    }

    /** The optional operations called so far, oldest first. */
    public List<Call> calls() {
      return List.copyOf(calls);
    }

    public Call lastCall() {
      if (calls.isEmpty()) {
        throw new AssertionError("no optional operation was called");
      }
      return calls.get(calls.size() - 1);
    }

    /** Every call of the bridge, e.g. {@code "sendMessage 200001"} or {@code "addContact 200001"}, in order. */
    public List<String> operations() {
      return List.copyOf(operations);
    }

    /** The next {@link #sendMessage} throws instead of sending, as a broken adapter might. */
    public void throwOnNextSend(RuntimeException failure) {
      throwOnNextSend = failure;
    }

    /** From now on, sent messages stay pending until the test completes {@link Sent#result()}. */
    public void holdMessages() {
      autoAccept = false;
    }

    public List<Sent> sent() {
      return List.copyOf(sent);
    }

    public List<String> sentTexts() {
      List<String> texts = new ArrayList<>();
      for (Sent message : sent) {
        texts.add(message.text());
      }
      return texts;
    }

    public List<StatusChange> statuses() {
      return List.copyOf(statuses);
    }

    public boolean isClosed() {
      return closed;
    }

    public int closeCalls() {
      return closeCalls;
    }
  }

  public record Sent(LegacyContactId to, String text, CompletableFuture<Void> result) {}

  /** One optional operation: its name, the contact it concerns (or null), its other argument, its outcome. */
  public record Call(String operation, LegacyContactId contact, Object argument, CompletableFuture<Object> result) {}

  public record StatusChange(LegacyStatus status, String text) {}
}
