package net.icqtransport.xmpp.endpoint;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * A short memory of the messages from legacy contacts that the transport wrote to users, keyed by the stanza
 * id it gave each one, so that a bounce can be matched to its message: the user's server returns a message it
 * cannot deliver as a {@code type='error'} message with the same id (RFC 6120 §8.3.1). Bounded in count and in
 * time (an entry goes after {@code lifetime} or once taken), since nearly every bounce comes within seconds
 * and a message the server never bounces needs no memory. Thread-safe. Never logs message text.
 *
 * <p>Ids are a random prefix per instance and a counter ({@code 5f3a9c0d12e4-m17}): unique for as long as they
 * are remembered, and a late bounce of a message written before a restart cannot match a message of this
 * run. A bounce must also name the message's user and contact ({@link #take}), so a stray error that hits an
 * id forgets nothing.
 */
public final class WrittenMessages {

  /** The defaults: 10,000 messages, 10 minutes. */
  public static final int DEFAULT_CAPACITY = 10_000;
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  /**
   * A message as it was written.
   *
   * @param sentAt its original time: the delay stamp it carried, or when it was written if it had none
   */
  public record Written(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    public Written {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(sentAt, "sentAt");
    }

    @Override
    public String toString() {
      return "Written[user=" + user + ", from=" + from + ", sentAt=" + sentAt + ", " + text.length() + " chars]";
    }
  }

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();
  private final Cache<String, Written> written;

  /** With the default capacity and lifetime, and a random id prefix. */
  public WrittenMessages() {
    this(Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL), DEFAULT_CAPACITY,
        DEFAULT_LIFETIME);
  }

  /**
   * @param prefix starts every id (a test gives a fixed one to know the ids)
   * @param capacity how many messages are remembered at most; the oldest go first
   * @param lifetime how long a message is remembered
   */
  public WrittenMessages(String prefix, int capacity, Duration lifetime) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.written = CacheBuilder.newBuilder().maximumSize(capacity).expireAfterWrite(lifetime).build();
  }

  /** Remembers a message about to be written; returns the stanza id to give it. */
  public String remember(Written message) {
    Objects.requireNonNull(message, "message");
    String id = prefix + "-m" + counter.incrementAndGet();
    written.put(id, message);
    return id;
  }

  /** Forgets a message, e.g. one that was never written. */
  public void forget(String id) {
    written.invalidate(id);
  }

  /**
   * The message written with {@code id}, if {@code bouncedBy} accepts it (the bounce names its user and
   * contact); it is forgotten by this call, so a second bounce of it finds nothing.
   */
  public Optional<Written> take(String id, Predicate<Written> bouncedBy) {
    Written message = id == null ? null : written.getIfPresent(id);
    if (message == null || !bouncedBy.test(message) || !written.asMap().remove(id, message)) {
      return Optional.empty();
    }
    return Optional.of(message);
  }
}
