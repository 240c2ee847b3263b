package net.icqtransport.core.user;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.TypingState;

/**
 * What the bridge asks the XMPP side to tell a Jabber user. Implementations must not block for long and
 * must keep the order of calls made for one user.
 */
public interface UserEndpoint {

  /**
   * A message from a legacy contact to the user ({@code sentAt} non-null for delayed messages). The future
   * completes once the message was written to the XMPP server, so that stored messages may then be deleted
   * on the legacy side; it fails if it could not be.
   */
  CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt);

  /** A legacy contact's presence changed. */
  void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence presence);

  /** The user's legacy contact list arrived (after each login). */
  void contactListReceived(UserAddress user, List<LegacyContact> contacts);

  /** The transport's state for this user changed; {@code detail} is a short text for the user, or null. */
  void sessionStateChanged(UserAddress user, SessionState state, String detail);

  /** A contact's typing notification (XEP-0085 chat states). */
  default void typingChanged(UserAddress user, LegacyContactId contact, TypingState state) {}

  /** A contact asks for authorization: a subscription request from the contact carrying the reason. */
  default void authorizationRequested(UserAddress user, LegacyContactId contact, String reason) {}

  /** A contact granted or denied the user's authorization request. */
  default void authorizationAnswered(UserAddress user, LegacyContactId contact, boolean granted, String reason) {}

  /** A contact added the user to their list. */
  default void addedByContact(UserAddress user, LegacyContactId contact) {}

  /** A contact was added or changed on the legacy list by another client (roster push). */
  default void contactUpdated(UserAddress user, LegacyContact contact) {}

  /** A contact was deleted from the legacy list by another client (roster push). */
  default void contactRemoved(UserAddress user, LegacyContactId contact) {}

  /**
   * The user is in a chat room now (joined, or joined again after a reconnect): who is there, the user
   * included (XEP-0045: occupants' presences, then the self-presence).
   */
  default void roomJoined(UserAddress user, LegacyRoomId room, List<LegacyContactId> occupants) {}

  /** Someone joined a room the user is in. */
  default void roomOccupantJoined(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {}

  /** Someone left a room the user is in. */
  default void roomOccupantLeft(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {}

  /** A message to a room the user is in, the user's own included as the network reflects it. */
  default void roomMessage(UserAddress user, LegacyRoomId room, LegacyContactId from, String text) {}

  /**
   * The user is no longer in the room: left, or the session ended. {@code rejoining}: the bridge joins again
   * once the session is back (a reconnect), so the user sees a short status, not a silent drop.
   */
  default void roomLeft(UserAddress user, LegacyRoomId room, String reason, boolean rejoining) {}

  /** A contact invites the user to a chat room. */
  default void roomInvitation(UserAddress user, LegacyContactId from, LegacyRoomId room, String text) {}

  /** A contact offers the user a file; an endpoint that cannot pass files on declines it. */
  default void fileOffered(UserAddress user, LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
    offer.decline();
  }
}
