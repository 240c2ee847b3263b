package net.icqtransport.xmpp.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * Authorization requests waiting for an answer, both ways: a contact asked the user (an ICQ authorization
 * request shown as {@code subscribe} from the contact; the user's {@code subscribed}/{@code unsubscribed}
 * answers it), and the user asked a contact (the user's {@code subscribe} became an ICQ request). In memory:
 * after a restart ICQ repeats what is still open.
 */
public final class PendingAuthorizations {
  private record Key(UserAddress user, LegacyContactId contact) {}

  private final Set<Key> fromContacts = ConcurrentHashMap.newKeySet();
  private final Set<Key> fromUsers = ConcurrentHashMap.newKeySet();

  /** A contact asked the user for authorization. */
  public void contactAsked(UserAddress user, LegacyContactId contact) {
    fromContacts.add(new Key(user, contact));
  }

  /** Takes the contact's open request; true if there was one. */
  public boolean takeContactRequest(UserAddress user, LegacyContactId contact) {
    return fromContacts.remove(new Key(user, contact));
  }

  /** The user asked a contact for authorization. */
  public void userAsked(UserAddress user, LegacyContactId contact) {
    fromUsers.add(new Key(user, contact));
  }

  /** Takes the user's open request; true if there was one. */
  public boolean takeUserRequest(UserAddress user, LegacyContactId contact) {
    return fromUsers.remove(new Key(user, contact));
  }

  /** Forgets the user's requests (after unregistering). */
  public void forget(UserAddress user) {
    fromContacts.removeIf(key -> key.user().equals(user));
    fromUsers.removeIf(key -> key.user().equals(user));
  }
}
