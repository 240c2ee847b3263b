package net.icqtransport.core.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;

/** What the XMPP side asks of the transport on behalf of a Jabber user. */
public interface Gateway {

  /**
   * Registers the user (XEP-0077 / XEP-0100 §4.1): the credentials are checked by logging in to the legacy
   * network, and stored only if that succeeds. Fails with
   * {@link net.icqtransport.core.legacy.LoginFailedException} when the network refuses them.
   */
  CompletableFuture<Registration> register(UserAddress user, LegacyCredentials credentials);

  /** Ends the user's session and deletes the registration; completes with whether there was one. */
  CompletableFuture<Boolean> unregister(UserAddress user);

  /** The user's registration, if any. */
  Optional<Registration> registration(UserAddress user);

  /** Every registered user, e.g. to probe their presence after a start. */
  List<UserAddress> registeredUsers();

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

  /** Parses a legacy contact id from a JID's local part; see {@link net.icqtransport.core.legacy.LegacyNetwork#parseContactId}. */
  LegacyContactId parseContactId(String text);

  /** Signs every user off and stops. */
  void shutdown();

  // The operations below need the user's session to be online; when it is not, their futures fail with
  // NotLoggedInException. A feature the legacy network lacks fails with UnsupportedOperationException.

  /** A typing notification from the user to a contact (XEP-0085 → ICQ 04/14); dropped when offline. */
  default void sendTyping(UserAddress user, LegacyContactId to, TypingState state) {}

  /** The user added a contact to their roster: add it to the legacy list (asking authorization if needed). */
  default CompletableFuture<ContactAddResult> addContact(UserAddress user, LegacyContact contact, String requestText) {
    return unsupported("contact list edits");
  }

  /** The user renamed or regrouped a contact. */
  default CompletableFuture<Void> updateContact(UserAddress user, LegacyContact contact) {
    return unsupported("contact list edits");
  }

  /** The user removed a contact from their roster. */
  default CompletableFuture<Void> removeContact(UserAddress user, LegacyContactId contact) {
    return unsupported("contact list edits");
  }

  /** The user asks a contact for authorization (a subscription request to the contact's JID). */
  default CompletableFuture<Void> requestAuthorization(UserAddress user, LegacyContactId contact, String text) {
    return unsupported("authorization");
  }

  /** The user answers a contact's authorization request (subscribed / unsubscribed). */
  default CompletableFuture<Void> answerAuthorization(
      UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    return unsupported("authorization");
  }

  /**
   * Offers a file to a contact on the legacy network (see {@link net.icqtransport.core.legacy.LegacySession#sendFile});
   * fails with {@link net.icqtransport.core.legacy.FileTransferException} when it was not taken.
   */
  default CompletableFuture<Void> sendFile(UserAddress user, LegacyContactId contact, String fileName, byte[] content) {
    return unsupported("file transfers");
  }

  /** A contact's status (away) message. */
  default CompletableFuture<Optional<String>> fetchStatusMessage(UserAddress user, LegacyContactId contact) {
    return unsupported("status messages");
  }

  /** Directory info on a legacy user (for vCards, XEP-0054). */
  default CompletableFuture<LegacyUserInfo> fetchUserInfo(UserAddress user, LegacyContactId contact) {
    return unsupported("user info");
  }

  /** A directory search (XEP-0055). */
  default CompletableFuture<List<LegacyUserInfo>> search(UserAddress user, LegacySearchQuery query) {
    return unsupported("search");
  }

  /** A contact's avatar image (vCard PHOTO, XEP-0153). */
  default CompletableFuture<byte[]> fetchAvatar(UserAddress user, LegacyContactId contact, AvatarId avatar) {
    return unsupported("avatars");
  }

  /** The user's last known legacy contact list; empty while not logged in. */
  default List<LegacyContact> contacts(UserAddress user) {
    return List.of();
  }

  /** Users with a bridge (logged in, logging in or waiting to reconnect). */
  default List<UserAddress> onlineUsers() {
    return List.of();
  }

  /**
   * Whether this instance has a bridge for the user (logged in, logging in, waiting to reconnect, or holding
   * messages until the user's presence arrives). Another instance may serve the user when this is false.
   */
  default boolean hasSession(UserAddress user) {
    return onlineUsers().contains(user);
  }

  /**
   * Stores the 8-bit codepage the user's contacts write in ({@code null}: the configured default) and, when
   * the user is online, logs in again so that it applies (user command "Legacy codepage").
   */
  default CompletableFuture<Void> setLegacyCodepage(UserAddress user, java.nio.charset.Charset codepage) {
    return unsupported("codepages");
  }

  /** Ends the user's session and logs in again at once (user command "reconnect"). */
  default void reconnect(UserAddress user) {}

  /** Ends the user's session until their next presence (admin command); the user is told {@code reason}. */
  default void disconnect(UserAddress user, String reason) {}

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
   * The legacy contacts already put in the user's roster (XEP-0100 §5.1 subscription sent), so that the XMPP
   * side asks for each subscription once rather than at every login.
   */
  default Set<LegacyContactId> syncedContacts(UserAddress user) {
    return Set.of();
  }

  /** Records that the contact is now in the user's roster. */
  default void markContactSynced(UserAddress user, LegacyContact contact) {}

  /** Forgets that the contact was synced, e.g. after it left the roster on either side. */
  default void forgetContact(UserAddress user, LegacyContactId contact) {}

  private static <T> CompletableFuture<T> unsupported(String feature) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException(feature + " not supported"));
  }
}
