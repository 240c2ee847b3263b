package net.icqtransport.core.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * The outbox in memory: what it keeps survives an XMPP reconnect but not a restart. For wiring without a
 * database and for tests.
 */
public final class MemoryPendingDeliveryStore implements PendingDeliveryStore {

  private static final Comparator<PendingDelivery> ORDER =
      Comparator.comparing(PendingDelivery::createdAt).thenComparingLong(PendingDelivery::id);

  private final List<PendingDelivery> kept = new ArrayList<>();
  private long lastId;

  @Override
  public synchronized PendingDelivery add(
      UserAddress user, LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    PendingDelivery delivery = new PendingDelivery(++lastId, user, from, text, sentAt, receivedAt);
    kept.add(delivery);
    return delivery;
  }

  @Override
  public synchronized List<PendingDelivery> pending(UserAddress user) {
    return kept.stream().filter(d -> d.user().equals(user)).sorted(ORDER).toList();
  }

  @Override
  public synchronized int count(UserAddress user) {
    return (int) kept.stream().filter(d -> d.user().equals(user)).count();
  }

  @Override
  public synchronized boolean delete(long id) {
    return kept.removeIf(d -> d.id() == id);
  }

  @Override
  public synchronized List<UserAddress> users() {
    TreeSet<UserAddress> users = new TreeSet<>();
    kept.forEach(d -> users.add(d.user()));
    return List.copyOf(users);
  }
}
