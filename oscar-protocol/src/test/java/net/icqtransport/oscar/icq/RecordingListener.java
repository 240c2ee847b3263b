package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.legacy.TypingState;

/**
 * Records a session's listener calls as events and checks the listener contract: no concurrent calls and
 * nothing after {@code sessionClosed}.
 */
final class RecordingListener implements LegacyListener {
  sealed interface Event permits ContactList, Status, Message, Closed, Typing, AuthRequested, AuthAnswered, AddedBy,
      ContactUpdated, ContactRemoved, Offline, FileOffered {}

  record ContactList(List<LegacyContact> contacts) implements Event {}

  record Status(LegacyContactId contact, LegacyStatus status, AvatarId avatar, Instant idleSince) implements Event {
    Status(LegacyContactId contact, LegacyStatus status, AvatarId avatar) {
      this(contact, status, avatar, null);
    }
  }

  record Typing(LegacyContactId contact, TypingState state) implements Event {}

  record AuthRequested(LegacyContactId contact, String reason) implements Event {}

  record AuthAnswered(LegacyContactId contact, boolean granted, String reason) implements Event {}

  record AddedBy(LegacyContactId contact) implements Event {}

  record ContactUpdated(LegacyContact contact) implements Event {}

  record ContactRemoved(LegacyContactId contact) implements Event {}

  record Offline(List<OfflineMessage> messages, DeliveryConfirmation confirmation) implements Event {}

  record Message(LegacyContactId from, String text, Instant sentAt) implements Event {}

  record Closed(DisconnectReason reason, String detail) implements Event {}

  record FileOffered(LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  /** How often the login server's acceptance was told ({@link #loginAccepted}). */
  final AtomicInteger loginsAccepted = new AtomicInteger();
  private final AtomicBoolean inCall = new AtomicBoolean();
  private volatile boolean closed;
  private volatile String violation;

  @Override
  public void contactListReceived(List<LegacyContact> contacts) {
    record(new ContactList(contacts));
  }

  @Override
  public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {
    record(new Status(contact, presence.status(), presence.avatar(), presence.idleSince()));
  }

  @Override
  public void typingChanged(LegacyContactId contact, TypingState state) {
    record(new Typing(contact, state));
  }

  @Override
  public void authorizationRequested(LegacyContactId contact, String reason) {
    record(new AuthRequested(contact, reason));
  }

  @Override
  public void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {
    record(new AuthAnswered(contact, granted, reason));
  }

  @Override
  public void addedByContact(LegacyContactId contact) {
    record(new AddedBy(contact));
  }

  @Override
  public void contactUpdated(LegacyContact contact) {
    record(new ContactUpdated(contact));
  }

  @Override
  public void contactRemoved(LegacyContactId contact) {
    record(new ContactRemoved(contact));
  }

  @Override
  public void offlineMessagesReceived(List<OfflineMessage> messages, DeliveryConfirmation confirmation) {
    record(new Offline(messages, confirmation));
  }

  @Override
  public void messageReceived(LegacyContactId from, String text, Instant sentAt) {
    record(new Message(from, text, sentAt));
  }

  @Override
  public void fileOffered(LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
    record(new FileOffered(from, offer));
  }

  @Override
  public void loginAccepted() {
    loginsAccepted.incrementAndGet();
  }

  @Override
  public void sessionClosed(DisconnectReason reason, String detail) {
    record(new Closed(reason, detail));
    closed = true;
  }

  private void record(Event event) {
    if (!inCall.compareAndSet(false, true)) {
      violation = "concurrent listener calls at " + event;
    }
    try {
      if (closed) {
        violation = "call after sessionClosed: " + event;
      }
      events.add(event);
    } finally {
      inCall.set(false);
    }
  }

  /** The next event matching {@code type} and {@code test}; other events before it are dropped. */
  <T extends Event> T await(Class<T> type, Predicate<T> test) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (event == null) {
        fail("no " + type.getSimpleName() + " event within 10 s");
      }
      if (type.isInstance(event) && test.test(type.cast(event))) {
        return type.cast(event);
      }
    }
  }

  /** The events recorded and not yet taken, taken now (for checks that something did not happen). */
  List<Event> drain() {
    List<Event> rest = new java.util.ArrayList<>();
    events.drainTo(rest);
    return rest;
  }

  <T extends Event> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }

  Closed awaitClosed() throws InterruptedException {
    Closed closedEvent = await(Closed.class);
    assertNotNull(closedEvent.reason());
    return closedEvent;
  }

  void assertContractKept() {
    if (violation != null) {
      fail(violation);
    }
  }
}
