package net.icqtransport.core.user;

import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;

/**
 * What the bridge asks the XMPP side to tell a Jabber user. Implementations must not block for long and
 * must keep the order of calls made for one user.
 */
public interface UserEndpoint {

  /** A message from a legacy contact to the user ({@code sentAt} non-null for delayed messages). */
  void deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt);

  /** A legacy contact's presence changed. */
  void contactStatusChanged(UserAddress user, LegacyContactId contact, LegacyStatus status, String statusText);

  /** The user's legacy contact list arrived (after each login). */
  void contactListReceived(UserAddress user, List<LegacyContact> contacts);

  /** The transport's state for this user changed; {@code detail} is a short text for the user, or null. */
  void sessionStateChanged(UserAddress user, SessionState state, String detail);
}
