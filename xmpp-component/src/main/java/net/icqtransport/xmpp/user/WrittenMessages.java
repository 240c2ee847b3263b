package net.icqtransport.xmpp.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.LegacyContactId;

/**
 * A short memory of the messages from legacy contacts that the transport wrote to one user, keyed by the stanza
 * id it gave each one, so that a bounce can be matched to its message: the user's server returns a message it
 * cannot deliver as a {@code type='error'} message with the same id (RFC 6120 §8.3.1). Bounded in count and in
 * time (an entry goes after {@code lifetime}, once taken, or when {@code capacity} newer ones came), since
 * nearly every bounce comes within seconds and a message the server never bounces needs no memory. Part of the
 * user's {@link XmppUser}. Never logs message text.
 *
 * <p>Ids are the run's prefix, {@code -m} and a number from a counter shared by all users
 * ({@code 5f3a9c0d12e4-m17}), so a late bounce of a message written before a restart cannot match a message of
 * this run. A bounce must also name the message's contact ({@link #take}), so a stray error that hits an id
 * forgets nothing.
 *
 * <p>Kept as a ring of parallel arrays, oldest first, that grows to {@code capacity} as needed and is let go
 * once everything in it expired: every message written to a user passes through here, and a map entry with its
 * key, record and two timestamps per message was both the largest item of the relay's CPU profile and most of
 * what each young collection had to copy (issue #20, docs/benchmarks.md). A slot holds the message's number,
 * contact, text, original time and the millisecond it was remembered; a message taken or forgotten leaves its
 * slot empty until it is the oldest, and its slot still counts against {@code capacity}.
 */
public final class WrittenMessages {

  /** The defaults: 1,000 messages per user, 10 minutes. */
  public static final int DEFAULT_CAPACITY = 1_000;
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

  /** How many slots the ring has when a user's first message is written. */
  private static final int FIRST_SIZE = 8;

  private static final long[] NO_LONGS = {};
  private static final LegacyContactId[] NO_CONTACTS = {};
  private static final String[] NO_STRINGS = {};
  private static final int[] NO_INTS = {};

  /**
   * A message as it was written.
   *
   * @param sentAt its original time: the delay stamp it carried, or when it was written
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

  private final String idStart;
  private final LongSupplier numbers;
  private final int capacity;
  private final long lifetimeMillis;
  private final Clock clock;

  /** The slots, {@link #count} of them in use from {@link #head} on (wrapping); empty arrays before the first. */
  private long[] number = NO_LONGS;
  /** Null in a slot whose message was taken or forgotten. */
  private LegacyContactId[] contact = NO_CONTACTS;
  private String[] text = NO_STRINGS;
  private long[] sentAtSecond = NO_LONGS;
  private int[] sentAtNano = NO_INTS;
  private long[] rememberedAtMillis = NO_LONGS;
  private int head;
  private int count;
  /** Slots in use that still hold a message. */
  private int remembered;

  /**
   * @param idPrefix starts every id this memory gives, followed by {@code -m} and a number of {@code numbers}
   * @param numbers gives each message its number, increasing
   * @param capacity how many messages are remembered at most; the oldest go first
   * @param lifetime how long a message is remembered
   */
  WrittenMessages(String idPrefix, LongSupplier numbers, int capacity, Duration lifetime, Clock clock) {
    this.idStart = Objects.requireNonNull(idPrefix, "idPrefix") + "-m";
    this.numbers = Objects.requireNonNull(numbers, "numbers");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.lifetimeMillis = Objects.requireNonNull(lifetime, "lifetime").toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Remembers a message about to be written; returns the stanza id to give it.
   *
   * @param sentAt the delay stamp it carries, or null if it is written as it comes (its time is then now)
   */
  public synchronized String remember(LegacyContactId from, String message, Instant sentAt) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(message, "message");
    Instant written = clock.instant();
    long now = written.toEpochMilli();
    expire(now);
    if (count == capacity) {
      dropOldest();
    }
    if (count == number.length) {
      grow();
    }
    int slot = slot(count);
    long n = numbers.getAsLong();
    number[slot] = n;
    LegacyContactId newest = count == 0 ? null : contact[slot(count - 1)];
    contact[slot] = from.equals(newest) ? newest : from; // one contact object for a conversation's messages
    text[slot] = message;
    Instant original = sentAt == null ? written : sentAt;
    sentAtSecond[slot] = original.getEpochSecond();
    sentAtNano[slot] = original.getNano();
    rememberedAtMillis[slot] = now;
    count++;
    remembered++;
    return idStart + n;
  }

  /** Forgets a message, e.g. one that was never written. */
  public synchronized void forget(String id) {
    int slot = find(id);
    if (slot >= 0) {
      empty(slot);
    }
  }

  /**
   * The message written with {@code id}, if {@code bouncedBy} accepts it (the bounce names its contact) and it
   * is still remembered; it is forgotten by this call, so a second bounce of it finds nothing.
   */
  public synchronized Optional<Written> take(String id, Predicate<Written> bouncedBy) {
    expire(clock.millis());
    int slot = find(id);
    if (slot < 0) {
      return Optional.empty();
    }
    Instant sentAt = Instant.ofEpochSecond(sentAtSecond[slot], sentAtNano[slot]);
    Written message = new Written(contact[slot], text[slot], sentAt);
    if (!bouncedBy.test(message)) {
      return Optional.empty();
    }
    empty(slot);
    return Optional.of(message);
  }

  /** How many messages are remembered. */
  public synchronized int size() {
    return remembered;
  }

  /** The slot of the message with this id that still holds it, or -1 (a bounce is rare: a scan is enough). */
  private int find(String id) {
    long wanted = numberOf(id);
    if (wanted < 0) {
      return -1;
    }
    for (int i = 0; i < count; i++) {
      int slot = slot(i);
      if (number[slot] == wanted) {
        return contact[slot] == null ? -1 : slot;
      }
    }
    return -1;
  }

  /** The number in an id this memory gave, or -1 for any other string (a sign, a leading zero, too long). */
  private long numberOf(String id) {
    int first = idStart.length();
    if (id == null || !id.startsWith(idStart) || id.length() == first || id.length() > first + 18
        || (id.charAt(first) == '0' && id.length() > first + 1)) {
      return -1;
    }
    long n = 0;
    for (int i = first; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private void expire(long now) {
    while (count > 0 && (contact[head] == null || now - rememberedAtMillis[head] >= lifetimeMillis)) {
      dropOldest();
    }
    if (count == 0 && number.length > 0) {
      letGo();
    }
  }

  private void dropOldest() {
    if (contact[head] != null) {
      remembered--;
    }
    contact[head] = null;
    text[head] = null;
    head = (head + 1) % number.length;
    count--;
  }

  private void empty(int slot) {
    contact[slot] = null;
    text[slot] = null;
    remembered--;
  }

  /** The ring's index of the {@code i}-th slot in use, the oldest being 0. */
  private int slot(int i) {
    return (head + i) % number.length;
  }

  /** Twice as many slots (at most {@code capacity}), the ones in use moved to the start in their order. */
  private void grow() {
    int length = number.length;
    int size = Math.min(capacity, Math.max(FIRST_SIZE, length * 2));
    number = unwrap(number, new long[size], length);
    contact = unwrap(contact, new LegacyContactId[size], length);
    text = unwrap(text, new String[size], length);
    sentAtSecond = unwrap(sentAtSecond, new long[size], length);
    sentAtNano = unwrap(sentAtNano, new int[size], length);
    rememberedAtMillis = unwrap(rememberedAtMillis, new long[size], length);
    head = 0;
  }

  /** Copies the {@link #count} slots in use of {@code from} (of {@code length}) to the start of {@code to}. */
  private <A> A unwrap(A from, A to, int length) {
    int first = Math.min(count, length - head);
    System.arraycopy(from, head, to, 0, first);
    System.arraycopy(from, 0, to, first, count - first);
    return to;
  }

  /** An idle user's memory takes no room: the next message starts a small ring again. */
  private void letGo() {
    number = NO_LONGS;
    contact = NO_CONTACTS;
    text = NO_STRINGS;
    sentAtSecond = NO_LONGS;
    sentAtNano = NO_INTS;
    rememberedAtMillis = NO_LONGS;
    head = 0;
  }
}
