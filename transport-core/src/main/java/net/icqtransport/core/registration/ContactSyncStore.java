package net.icqtransport.core.registration;

import java.util.Set;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * Which legacy contacts the XMPP side already put in a user's roster (the {@code subscribe} of XEP-0100 §5.1
 * sent, the roster item pushed), so that it does so once per contact rather than at every login.
 * Implementations are thread-safe; a failure surfaces as {@link StoreException}.
 */
public interface ContactSyncStore {

  /** The contacts already synced to the user's roster. */
  Set<LegacyContactId> synced(UserAddress user);

  /** Records that {@code contact} (with its nickname and group) is in the user's roster; replaces a previous record. */
  void markSynced(UserAddress user, LegacyContact contact);

  /** Forgets one contact, e.g. after it was removed from either side; returns whether it was synced. */
  boolean forget(UserAddress user, LegacyContactId contact);

  /** Forgets every contact of the user (unregistration, XEP-0100 §4.3). */
  void forgetAll(UserAddress user);
}
