package net.icqtransport.xmpp.user;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.user.UserAddress;

/**
 * The XMPP side's users: makes each user's {@link XmppUser} when first needed and drops it in one place
 * ({@link #forget}, after unregistering), and runs work on each user's lane ({@link #inOrder}): the lane of
 * {@code lanes} keyed by the user's bare JID, which the component also handles the user's stanzas on and the
 * bridge runs the user's session on, so a user's state is changed by one task at a time, in one order.
 *
 * <p>A user's object lives while the transport runs (it holds the answer to the transport's subscription
 * request, the user's preferences and recent messages); it costs a few hundred bytes.
 */
public final class XmppUsers {
  private final ConcurrentHashMap<UserAddress, XmppUser> users = new ConcurrentHashMap<>();
  private final KeyedSequentialExecutor<String> lanes;
  private final ContactSyncStore roster;
  private final String idPrefix;
  private final AtomicLong messageCounter = new AtomicLong();
  private final Clock clock;

  /**
   * With a random message id prefix for this run.
   *
   * @param roster which contacts are in each user's roster (durable: the {@code synced_contact} table)
   */
  public XmppUsers(KeyedSequentialExecutor<String> lanes, ContactSyncStore roster) {
    this(lanes, roster, Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL), Clock.systemUTC());
  }

  /** @param idPrefix starts every message id (a test gives a fixed one to know the ids: {@code t-m1}, ...) */
  public XmppUsers(KeyedSequentialExecutor<String> lanes, ContactSyncStore roster, String idPrefix, Clock clock) {
    this.lanes = Objects.requireNonNull(lanes, "lanes");
    this.roster = Objects.requireNonNull(roster, "roster");
    this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The user's object, made now if there was none. */
  public XmppUser of(UserAddress user) {
    return users.computeIfAbsent(user, address -> new XmppUser(address,
        new WrittenMessages(idPrefix, messageCounter::incrementAndGet, WrittenMessages.DEFAULT_CAPACITY,
            WrittenMessages.DEFAULT_LIFETIME, clock), roster));
  }

  /** The user's object, if there is one (for reads that must not make one, e.g. for an unknown sender). */
  public Optional<XmppUser> find(UserAddress user) {
    return Optional.ofNullable(users.get(user));
  }

  /** Drops everything known of the user (after unregistering). */
  public void forget(UserAddress user) {
    users.remove(user);
  }

  /** Every user with an object, in no particular order. */
  public List<XmppUser> all() {
    return List.copyOf(users.values());
  }

  /**
   * Runs {@code task} on the user's lane: now, when the calling thread already runs a task of that lane (the
   * bridge calling back, or a handler), else queued behind the lane's tasks.
   */
  public void inOrder(UserAddress user, Runnable task) {
    lanes.executeInOrder(user.bareJid(), task);
  }
}
