package net.icqtransport.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyNetwork;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;

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
    Login login = new Login(credentials, listener);
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
    private final LegacyListener listener;
    private final CompletableFuture<LegacySession> future = new CompletableFuture<>();
    private volatile FakeSession session;

    Login(LegacyCredentials credentials, LegacyListener listener) {
      this.credentials = credentials;
      this.listener = listener;
    }

    public LegacyCredentials credentials() {
      return credentials;
    }

    public LegacyListener listener() {
      return listener;
    }

    public boolean isPending() {
      return !future.isDone();
    }

    /** Completes the login with a new session, which accepts every message at once. */
    public FakeSession succeed() {
      FakeSession created = new FakeSession(credentials.account(), listener);
      session = created;
      if (!future.complete(created)) {
        throw new AssertionError("login already completed");
      }
      return created;
    }

    public void fail(LoginFailure failure) {
      if (!future.completeExceptionally(new LoginFailedException(failure, "scripted"))) {
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

    /** The server ends the session. */
    public void closed(DisconnectReason reason, String detail) {
      if (session != null) {
        session.closed = true;
      }
      listener.sessionClosed(reason, detail);
    }
  }

  /** A session that records what the bridge sends and sets. */
  public static final class FakeSession implements LegacySession {
    private final LegacyContactId account;
    private final LegacyListener listener;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<StatusChange> statuses = new CopyOnWriteArrayList<>();
    private volatile boolean autoAccept = true;
    private volatile RuntimeException throwOnNextSend;
    private volatile boolean closed;
    private volatile int closeCalls;

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
        listener.sessionClosed(DisconnectReason.CLOSED_BY_CLIENT, null);
      }
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

  public record StatusChange(LegacyStatus status, String text) {}
}
