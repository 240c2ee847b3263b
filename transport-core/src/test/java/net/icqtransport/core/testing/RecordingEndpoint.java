package net.icqtransport.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.LegacyContact;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;

/**
 * A {@link UserEndpoint} that records every call in order, and counts calls for one user that overlapped
 * (which the bridge promises never happens). Message deliveries are written at once by default; the test
 * may {@linkplain #failDeliveries() fail} them, as when the link to the XMPP server is down, or
 * {@linkplain #holdDeliveries() hold} them and complete them itself.
 */
public final class RecordingEndpoint implements UserEndpoint {

  /** One call of the endpoint. */
  public sealed interface Event
      permits Delivered, ContactStatus, ContactList, State, Typing, AuthorizationRequest, AuthorizationAnswer,
          AddedBy, ContactChanged, ContactGone, RoomEvent {
    UserAddress user();
  }

  public record Delivered(UserAddress user, LegacyContactId from, String text, Instant sentAt) implements Event {}

  public record ContactStatus(UserAddress user, LegacyContactId contact, LegacyStatus status, String text)
      implements Event {}

  public record ContactList(UserAddress user, List<LegacyContact> contacts) implements Event {}

  public record State(UserAddress user, SessionState state, String detail) implements Event {}

  public record Typing(UserAddress user, LegacyContactId contact, TypingState state) implements Event {}

  public record AuthorizationRequest(UserAddress user, LegacyContactId contact, String reason) implements Event {}

  public record AuthorizationAnswer(UserAddress user, LegacyContactId contact, boolean granted, String reason)
      implements Event {}

  public record AddedBy(UserAddress user, LegacyContactId contact) implements Event {}

  public record ContactChanged(UserAddress user, LegacyContact contact) implements Event {}

  public record ContactGone(UserAddress user, LegacyContactId contact) implements Event {}

  /** A room event: what happened ("joined", "occupant-joined", "occupant-left", "message", "left"), with details. */
  public record RoomEvent(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, String what, String detail)
      implements Event {}

  /** A delivery the test holds: complete or fail {@code result}. */
  public record HeldDelivery(Delivered message, CompletableFuture<Void> result) {}

  private enum DeliveryMode { WRITE, FAIL, HOLD }

  private final List<Event> events = new ArrayList<>();
  private final ConcurrentHashMap<UserAddress, AtomicBoolean> busy = new ConcurrentHashMap<>();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final List<Delivered> written = new ArrayList<>();
  private final List<HeldDelivery> held = new ArrayList<>();
  private DeliveryMode deliveryMode = DeliveryMode.WRITE;

  @Override
  public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    Delivered delivered = new Delivered(user, from, text, sentAt);
    record(delivered);
    synchronized (this) {
      switch (deliveryMode) {
        case WRITE -> {
          written.add(delivered);
          return CompletableFuture.completedFuture(null);
        }
        case FAIL -> {
          return CompletableFuture.failedFuture(new IllegalStateException("not connected to the XMPP server"));
        }
        default -> {
          CompletableFuture<Void> result = new CompletableFuture<>();
          result.thenRun(() -> {
            synchronized (this) {
              written.add(delivered);
            }
          });
          held.add(new HeldDelivery(delivered, result));
          return result;
        }
      }
    }
  }

  /** From now on deliveries fail, as when the link to the XMPP server is down. */
  public synchronized void failDeliveries() {
    deliveryMode = DeliveryMode.FAIL;
  }

  /** From now on deliveries are written at once (the default). */
  public synchronized void writeDeliveries() {
    deliveryMode = DeliveryMode.WRITE;
  }

  /** From now on deliveries stay pending until the test completes them (see {@link #heldDeliveries()}). */
  public synchronized void holdDeliveries() {
    deliveryMode = DeliveryMode.HOLD;
  }

  public synchronized List<HeldDelivery> heldDeliveries() {
    return List.copyOf(held);
  }

  /** The messages whose delivery succeeded, in the order they were handed over. */
  public synchronized List<Delivered> written(UserAddress user) {
    return written.stream().filter(d -> d.user().equals(user)).toList();
  }

  public List<String> writtenTexts(UserAddress user) {
    return written(user).stream().map(Delivered::text).toList();
  }

  @Override
  public void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence presence) {
    record(new ContactStatus(user, contact, presence.status(), presence.statusText()));
  }

  @Override
  public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
    record(new ContactList(user, contacts));
  }

  @Override
  public void sessionStateChanged(UserAddress user, SessionState state, String detail) {
    record(new State(user, state, detail));
  }

  @Override
  public void typingChanged(UserAddress user, LegacyContactId contact, TypingState state) {
    record(new Typing(user, contact, state));
  }

  @Override
  public void authorizationRequested(UserAddress user, LegacyContactId contact, String reason) {
    record(new AuthorizationRequest(user, contact, reason));
  }

  @Override
  public void authorizationAnswered(UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    record(new AuthorizationAnswer(user, contact, granted, reason));
  }

  @Override
  public void addedByContact(UserAddress user, LegacyContactId contact) {
    record(new AddedBy(user, contact));
  }

  @Override
  public void contactUpdated(UserAddress user, LegacyContact contact) {
    record(new ContactChanged(user, contact));
  }

  @Override
  public void contactRemoved(UserAddress user, LegacyContactId contact) {
    record(new ContactGone(user, contact));
  }

  @Override
  public void roomJoined(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, List<LegacyContactId> occupants) {
    record(new RoomEvent(user, room, "joined", occupants.stream().map(LegacyContactId::value).toList().toString()));
  }

  @Override
  public void roomOccupantJoined(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, LegacyContactId occupant) {
    record(new RoomEvent(user, room, "occupant-joined", occupant.value()));
  }

  @Override
  public void roomOccupantLeft(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, LegacyContactId occupant) {
    record(new RoomEvent(user, room, "occupant-left", occupant.value()));
  }

  @Override
  public void roomMessage(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, LegacyContactId from, String text) {
    record(new RoomEvent(user, room, "message", from.value() + ": " + text));
  }

  @Override
  public void roomLeft(UserAddress user, net.icqtransport.core.legacy.LegacyRoomId room, String reason, boolean rejoining) {
    record(new RoomEvent(user, room, "left", (rejoining ? "rejoining" : "for good")));
  }

  private void record(Event event) {
    AtomicBoolean flag = busy.computeIfAbsent(event.user(), u -> new AtomicBoolean());
    if (!flag.compareAndSet(false, true)) {
      overlaps.incrementAndGet();
    }
    try {
      Thread.yield(); // widen the window in which an overlapping call would be seen
      synchronized (this) {
        events.add(event);
        notifyAll();
      }
    } finally {
      flag.set(false);
    }
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  public synchronized List<Event> events(UserAddress user) {
    return events.stream().filter(e -> e.user().equals(user)).toList();
  }

  public <T extends Event> List<T> events(UserAddress user, Class<T> type) {
    return events(user).stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The session states reported for the user, in order. */
  public List<SessionState> states(UserAddress user) {
    return events(user, State.class).stream().map(State::state).toList();
  }

  public State lastState(UserAddress user) {
    List<State> states = events(user, State.class);
    if (states.isEmpty()) {
      throw new AssertionError("no state reported for " + user);
    }
    return states.get(states.size() - 1);
  }

  public List<String> deliveredTexts(UserAddress user) {
    return events(user, Delivered.class).stream().map(Delivered::text).toList();
  }

  public synchronized void clear() {
    events.clear();
    written.clear();
    held.clear();
  }

  /** How many calls for one user began while another call for that user was still running. */
  public int overlappingCalls() {
    return overlaps.get();
  }

  /** Waits until the user's events satisfy {@code condition}. */
  public synchronized void await(UserAddress user, Predicate<List<Event>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(events.stream().filter(e -> e.user().equals(user)).toList())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("condition not met within " + timeout + "; events of " + user + ": "
            + events.stream().filter(e -> e.user().equals(user)).toList());
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
