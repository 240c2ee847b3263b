package net.icqtransport.core.registration;

import java.time.Instant;
import java.util.Objects;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * A message from a legacy contact that the XMPP side could not take, kept until it can. {@link #toString()}
 * leaves the text out, so a pending delivery may end up in a log line.
 *
 * @param id the store's key, in the order the messages were kept
 * @param sentAt when the contact sent it, or when the transport received it if the network did not say: the
 *     XEP-0203 delay stamp of the redelivered message
 * @param createdAt when the transport received it; redelivery goes in this order
 */
public record PendingDelivery(
    long id, UserAddress user, LegacyContactId from, String text, Instant sentAt, Instant createdAt) {

  public PendingDelivery {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public String toString() {
    return "PendingDelivery[id=" + id + ", user=" + user + ", from=" + from + ", sentAt=" + sentAt
        + ", createdAt=" + createdAt + ", " + text.length() + " chars]";
  }
}
