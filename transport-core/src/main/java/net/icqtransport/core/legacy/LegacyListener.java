package net.icqtransport.core.legacy;

import java.time.Instant;
import java.util.List;

/**
 * What a legacy session reports to its bridge. Calls for one session arrive in the order the network
 * produced them, never concurrently; implementations must not block. Events a network never produces keep
 * their empty default.
 */
public interface LegacyListener {

  /** The user's stored contact list, once after login and again whenever the server sends it whole. */
  void contactListReceived(List<LegacyContact> contacts);

  /** A contact's presence changed ({@link LegacyStatus#OFFLINE} when it went away). */
  void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence);

  /**
   * A message from a contact.
   *
   * @param sentAt when the sender sent it, if the network says so and it was delayed, else {@code null}
   */
  void messageReceived(LegacyContactId from, String text, Instant sentAt);

  /**
   * A contact invites the user to a chat room (OSCAR: channel-2 rendezvous with the chat capability, carrying
   * the room's exchange and name).
   */
  default void roomInvitation(LegacyContactId from, LegacyRoomId room, String text) {}

  /**
   * The network's login server accepted the credentials, where its limit of logins per address counts a login
   * (ICQ: the authorizer's reply with a cookie, SNAC 17/03); the session is still being set up, and {@code open}'s
   * future completes later. On the network's thread, at most once per {@code open}.
   */
  default void loginAccepted() {}

  /** The session ended; no further calls follow. */
  void sessionClosed(DisconnectReason reason, String detail);

  /**
   * Messages stored on the server while the user was offline. The network deletes them only after
   * {@code confirmation} is called; until then they come again at the next login.
   */
  default void offlineMessagesReceived(List<OfflineMessage> messages, DeliveryConfirmation confirmation) {}

  /** A contact's typing notification (ICQ 04/14). */
  default void typingChanged(LegacyContactId contact, TypingState state) {}

  /** A contact asks the user for authorization to add them (ICQ 13/19, or channel-4 type 0x06). */
  default void authorizationRequested(LegacyContactId contact, String reason) {}

  /** A contact answered the user's authorization request (ICQ 13/1B, or channel-4 types 0x07/0x08). */
  default void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {}

  /** A contact added the user to their list (ICQ 13/1C, or channel-4 type 0x0C). */
  default void addedByContact(LegacyContactId contact) {}

  /** A contact was added to or changed in the stored list by another client of the user (ICQ 13/08, 13/09). */
  default void contactUpdated(LegacyContact contact) {}

  /** A contact was deleted from the stored list by another client of the user (ICQ 13/0A). */
  default void contactRemoved(LegacyContactId contact) {}

  /** A contact offers the user a file; a listener that does not take files declines it. */
  default void fileOffered(LegacyContactId from, LegacyFileOffer offer) {
    offer.decline();
  }
}
