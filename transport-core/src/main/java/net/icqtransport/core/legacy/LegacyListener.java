package net.icqtransport.core.legacy;

import java.time.Instant;
import java.util.List;

/**
 * What a legacy session reports to its bridge. Calls for one session arrive in the order the network
 * produced them, never concurrently; implementations must not block.
 */
public interface LegacyListener {

  /** The user's stored contact list, once after login and again whenever the server sends it whole. */
  void contactListReceived(List<LegacyContact> contacts);

  /** A contact's status changed ({@link LegacyStatus#OFFLINE} when it went away). */
  void contactStatusChanged(LegacyContactId contact, LegacyStatus status, String statusText);

  /**
   * A message from a contact.
   *
   * @param sentAt when the sender sent it, if the network says so and it was delayed, else {@code null}
   */
  void messageReceived(LegacyContactId from, String text, Instant sentAt);

  /** The session ended; no further calls follow. */
  void sessionClosed(DisconnectReason reason, String detail);
}
