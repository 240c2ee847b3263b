package net.icqtransport.core.registration;

import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * The durable outbox of messages from the legacy network to Jabber users: what the XMPP side could not take
 * (its link to the server was down) waits here until it is redelivered. Implementations are thread-safe; a
 * failure surfaces as {@link StoreException}.
 */
public interface PendingDeliveryStore {

  /**
   * Keeps a message.
   *
   * @param sentAt the delay stamp to redeliver it with
   * @param receivedAt when the transport received it; {@link #pending} is ordered by it
   */
  PendingDelivery add(UserAddress user, LegacyContactId from, String text, Instant sentAt, Instant receivedAt);

  /** The user's kept messages in the order they were received (then kept). */
  List<PendingDelivery> pending(UserAddress user);

  /** How many messages the user has waiting. */
  int count(UserAddress user);

  /** Forgets a message once delivered; returns whether it was there. */
  boolean delete(long id);

  /** Every user with a message waiting, ordered by user. */
  List<UserAddress> users();
}
