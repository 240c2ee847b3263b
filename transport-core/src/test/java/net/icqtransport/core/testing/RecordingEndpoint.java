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
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;

/**
 * A {@link UserEndpoint} that records every call in order, and counts calls for one user that overlapped
 * (which the bridge promises never happens).
 */
public final class RecordingEndpoint implements UserEndpoint {

  /** One call of the endpoint. */
  public sealed interface Event permits Delivered, ContactStatus, ContactList, State {
    UserAddress user();
  }

  public record Delivered(UserAddress user, LegacyContactId from, String text, Instant sentAt) implements Event {}

  public record ContactStatus(UserAddress user, LegacyContactId contact, LegacyStatus status, String text)
      implements Event {}

  public record ContactList(UserAddress user, List<LegacyContact> contacts) implements Event {}

  public record State(UserAddress user, SessionState state, String detail) implements Event {}

  private final List<Event> events = new ArrayList<>();
  private final ConcurrentHashMap<UserAddress, AtomicBoolean> busy = new ConcurrentHashMap<>();
  private final AtomicInteger overlaps = new AtomicInteger();

  @Override
  public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    record(new Delivered(user, from, text, sentAt));
    return CompletableFuture.completedFuture(null);
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
