package net.icqtransport.core.bridge;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.UserAddress;

/** A user's session on the legacy network: presence in, messages and typing both ways (XEP-0100 §4.4-4.5, §5.4). One role of the {@link Gateway}. */
public interface UserSessions {

  /**
   * A resource of a registered user became available or changed its presence (XEP-0100 §4.4). The first
   * one starts the legacy session; the highest-priority one decides the legacy status. Every available
   * presence also hands over the messages from legacy contacts kept for the user (the XMPP side could not
   * take them, or the server bounced them, see {@link #undeliverable}), in order, with their original time as
   * the delay stamp (XEP-0203): an available presence is the one sign that the user is there to receive them,
   * be it the answer to the component's probe after a reconnection or the user's own return.
   *
   * @return false if the user is not registered (nothing was started)
   */
  boolean userAvailable(UserAddress user, String resource, int priority, LegacyStatus status, String statusText);

  /** A resource went offline; when it was the last, the legacy session ends (XEP-0100 §4.5). */
  void userUnavailable(UserAddress user, String resource);

  /**
   * A message from the user to a legacy contact. Completes when the legacy network took it; fails with
   * {@link net.icqtransport.core.legacy.MessageRejectedException} so the XMPP side can bounce it.
   */
  CompletableFuture<Void> sendMessage(UserAddress user, LegacyContactId to, String text);

  // The operations below need the user's session to be online; when it is not, their futures fail with
  // NotLoggedInException. A feature the legacy network lacks fails with UnsupportedOperationException.

  /** A typing notification from the user to a contact (XEP-0085 → ICQ 04/14); dropped when offline. */
  default void sendTyping(UserAddress user, LegacyContactId to, TypingState state) {}

  /**
   * Offers a file to a contact on the legacy network (see {@link net.icqtransport.core.legacy.LegacySession#sendFile});
   * fails with {@link net.icqtransport.core.legacy.FileTransferException} when it was not taken.
   */
  default CompletableFuture<Void> sendFile(UserAddress user, LegacyContactId contact, String fileName, byte[] content) {
    return Unsupported.feature("file transfers");
  }

  /**
   * The user's server bounced a message from a legacy contact that the XMPP side had written (RFC 6120 §8.3:
   * a {@code <message type='error'/>} from the user's JID, such as {@code service-unavailable} from a server
   * without offline storage while the user is offline, RFC 6121 §8.5.2). The message is kept again with its
   * original time, and so are the user's later messages, until the user's next available presence
   * ({@link #userAvailable}) hands them over; nothing is retried before that.
   *
   * @param sentAt the message's original time: its delay stamp if it had one, else when it was written
   */
  default void undeliverable(UserAddress user, LegacyContactId from, String text, Instant sentAt) {}

  /**
   * The user's legacy account as the network spells it (an AIM screen name as its owner formats it, "Joe User"
   * for {@code joeuser}), as the user's last session on this instance reported it; empty when no session said
   * so (then show the registered id). See {@link net.icqtransport.core.legacy.LegacySession#accountDisplayName}.
   */
  default java.util.Optional<String> accountDisplayName(UserAddress user) {
    return java.util.Optional.empty();
  }

  /** Ends the user's session and logs in again at once (user command "reconnect"). */
  default void reconnect(UserAddress user) {}

  /**
   * Whether this instance has a bridge for the user (logged in, logging in, waiting to reconnect, or holding
   * messages until the user's presence arrives). Another instance may serve the user when this is false.
   */
  boolean hasSession(UserAddress user);
}
