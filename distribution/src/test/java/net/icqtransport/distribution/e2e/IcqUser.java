package net.icqtransport.distribution.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.oscar.icq.IcqNetwork;

/**
 * An ICQ user for end-to-end tests: our own OSCAR client logged in to the simulator, recording what it
 * receives as events.
 */
public final class IcqUser implements AutoCloseable {
  /** Something the ICQ user received. */
  public sealed interface Event permits Text, Typing, AuthRequest, AuthAnswer, Presence, Closed,
      FileOffer, RoomInvite {}

  public record Text(String from, String text) implements Event {}

  public record Typing(String from, TypingState state) implements Event {}

  public record AuthRequest(String from, String reason) implements Event {}

  public record AuthAnswer(String from, boolean granted) implements Event {}

  public record Presence(String from, LegacyPresence presence) implements Event {}

  public record Closed(DisconnectReason reason) implements Event {}

  public record RoomInvite(String from, net.icqtransport.core.legacy.LegacyRoomId room, String text) implements Event {}

  public record FileOffer(String from, net.icqtransport.core.legacy.LegacyFileOffer offer) implements Event {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final LegacySession session;

  private IcqUser(IcqNetwork network, String uin, String password, Duration timeout) throws Exception {
    session = network.open(new LegacyCredentials(new LegacyContactId(uin), password), new Recorder())
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public static IcqUser login(IcqNetwork network, String uin, String password, Duration timeout) throws Exception {
    return new IcqUser(network, uin, password, timeout);
  }

  public LegacySession session() {
    return session;
  }

  /** The next event of {@code type} matching {@code condition}; others are skipped. */
  public <T extends Event> T next(Class<T> type, Predicate<T> condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (event == null) {
        throw new AssertionError("no " + type.getSimpleName() + " arrived within " + timeout);
      }
      if (type.isInstance(event) && condition.test(type.cast(event))) {
        return type.cast(event);
      }
    }
  }

  public <T extends Event> T next(Class<T> type, Duration timeout) throws InterruptedException {
    return next(type, event -> true, timeout);
  }

  @Override
  public void close() {
    session.close();
  }

  private final class Recorder implements LegacyListener {
    @Override
    public void contactListReceived(List<LegacyContact> contacts) {}

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {
      events.add(new Presence(contact.value(), presence));
    }

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {
      events.add(new Text(from.value(), text));
    }

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {
      events.add(new Closed(reason));
    }

    @Override
    public void typingChanged(LegacyContactId contact, TypingState state) {
      events.add(new Typing(contact.value(), state));
    }

    @Override
    public void authorizationRequested(LegacyContactId contact, String reason) {
      events.add(new AuthRequest(contact.value(), reason));
    }

    @Override
    public void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {
      events.add(new AuthAnswer(contact.value(), granted));
    }

    @Override
    public void fileOffered(LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
      events.add(new FileOffer(from.value(), offer));
    }

    @Override
    public void roomInvitation(LegacyContactId from, net.icqtransport.core.legacy.LegacyRoomId room, String text) {
      events.add(new RoomInvite(from.value(), room, text));
    }
  }
}
