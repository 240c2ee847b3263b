package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomListener;

/**
 * Records a room's listener calls as events and checks the room listener contract: no concurrent calls, the
 * occupant list first, nothing after {@code roomClosed}.
 */
final class RecordingRoomListener implements LegacyRoomListener {
  sealed interface Event permits Present, Joined, Left, Said, Closed {}

  record Present(List<LegacyContactId> occupants) implements Event {}

  record Joined(LegacyContactId occupant) implements Event {}

  record Left(LegacyContactId occupant) implements Event {}

  record Said(LegacyContactId from, String text) implements Event {}

  record Closed(String reason) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicBoolean inCall = new AtomicBoolean();
  private volatile boolean present;
  private volatile boolean closed;
  private volatile String violation;

  @Override
  public void occupantsPresent(List<LegacyContactId> occupants) {
    if (present) {
      violation = "occupantsPresent twice";
    }
    present = true;
    record(new Present(occupants));
  }

  @Override
  public void occupantJoined(LegacyContactId occupant) {
    record(new Joined(occupant));
  }

  @Override
  public void occupantLeft(LegacyContactId occupant) {
    record(new Left(occupant));
  }

  @Override
  public void messageReceived(LegacyContactId from, String text) {
    record(new Said(from, text));
  }

  @Override
  public void roomClosed(String reason) {
    record(new Closed(reason));
    closed = true;
  }

  private void record(Event event) {
    if (!inCall.compareAndSet(false, true)) {
      violation = "concurrent room listener calls at " + event;
    }
    try {
      if (closed) {
        violation = "call after roomClosed: " + event;
      }
      if (!present && !(event instanceof Present)) {
        violation = "call before occupantsPresent: " + event;
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

  <T extends Event> T await(Class<T> type) throws InterruptedException {
    return await(type, e -> true);
  }

  /** The next {@code count} events, whatever they are, in order. */
  List<Event> next(int count) throws InterruptedException {
    List<Event> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Event event = events.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        fail("only " + result + " within 10 s, " + count + " expected");
      }
      result.add(event);
    }
    return result;
  }

  /** The events recorded and not yet taken, taken now (for checks that something did not happen). */
  List<Event> drain() {
    List<Event> rest = new ArrayList<>();
    events.drainTo(rest);
    return rest;
  }

  void assertContractKept() {
    if (violation != null) {
      fail(violation);
    }
  }
}
