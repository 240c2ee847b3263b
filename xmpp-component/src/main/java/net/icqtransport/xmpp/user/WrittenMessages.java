package net.icqtransport.xmpp.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.icqtransport.core.legacy.LegacyContactId;

/**
 * A short memory of the messages from legacy contacts that the transport wrote to one user, keyed by the stanza
 * id it gave each one, so that a bounce can be matched to its message: the user's server returns a message it
 * cannot deliver as a {@code type='error'} message with the same id (RFC 6120 §8.3.1). Bounded in count and in
 * time (an entry goes after {@code lifetime}, once taken, or when {@code capacity} newer ones came), since
 * nearly every bounce comes within seconds and a message the server never bounces needs no memory. Part of the
 * user's {@link XmppUser}. Never logs message text.
 *
 * <p>Ids come from {@link XmppUsers#nextMessageId()}: a random prefix per run and a counter
 * ({@code 5f3a9c0d12e4-m17}), so a late bounce of a message written before a restart cannot match a message of
 * this run. A bounce must also name the message's contact ({@link #take}), so a stray error that hits an id
 * forgets nothing.
 */
public final class WrittenMessages {

  /** The defaults: 1,000 messages per user, 10 minutes. */
  public static final int DEFAULT_CAPACITY = 1_000;
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  /**
   * A message as it was written.
   *
   * @param sentAt its original time: the delay stamp it carried, or when it was written if it had none
   */
  public record Written(LegacyContactId from, String text, Instant sentAt) {
    public Written {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sentAt, "sentAt");
    }

    @Override
    public String toString() {
      return "Written[from=" + from + ", sentAt=" + sentAt + ", " + text.length() + " chars]";
    }
  }

  private record Entry(Written message, Instant rememberedAt) {}

  private final Supplier<String> ids;
  private final int capacity;
  private final Duration lifetime;
  private final Clock clock;
  /** In the order remembered, so the oldest (first to expire) are at the head. */
  private final LinkedHashMap<String, Entry> written = new LinkedHashMap<>();

  /**
   * @param ids gives each message its stanza id
   * @param capacity how many messages are remembered at most; the oldest go first
   * @param lifetime how long a message is remembered
   */
  WrittenMessages(Supplier<String> ids, int capacity, Duration lifetime, Clock clock) {
    this.ids = Objects.requireNonNull(ids, "ids");
    this.capacity = capacity;
    this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Remembers a message about to be written; returns the stanza id to give it. */
  public synchronized String remember(Written message) {
    Objects.requireNonNull(message, "message");
    Instant now = clock.instant();
    expire(now);
    while (written.size() >= capacity) {
      Iterator<String> oldest = written.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    String id = ids.get();
    written.put(id, new Entry(message, now));
    return id;
  }

  /** Forgets a message, e.g. one that was never written. */
  public synchronized void forget(String id) {
    written.remove(id);
  }

  /**
   * The message written with {@code id}, if {@code bouncedBy} accepts it (the bounce names its contact) and it
   * is still remembered; it is forgotten by this call, so a second bounce of it finds nothing.
   */
  public synchronized Optional<Written> take(String id, Predicate<Written> bouncedBy) {
    expire(clock.instant());
    Entry entry = id == null ? null : written.get(id);
    if (entry == null || !bouncedBy.test(entry.message())) {
      return Optional.empty();
    }
    written.remove(id);
    return Optional.of(entry.message());
  }

  /** How many messages are remembered. */
  public synchronized int size() {
    return written.size();
  }

  private void expire(Instant now) {
    Iterator<Map.Entry<String, Entry>> it = written.entrySet().iterator();
    while (it.hasNext() && !it.next().getValue().rememberedAt().plus(lifetime).isAfter(now)) {
      it.remove();
    }
  }
}
