package net.icqtransport.core.registration;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * The roster sync state in memory: after a restart every contact counts as not synced, so the XMPP side
 * pushes them again once. For wiring without a database and for tests.
 */
public final class MemoryContactSyncStore implements ContactSyncStore {

  private final ConcurrentHashMap<UserAddress, Set<LegacyContactId>> synced = new ConcurrentHashMap<>();

  @Override
  public Set<LegacyContactId> synced(UserAddress user) {
    Set<LegacyContactId> contacts = synced.get(user);
    return contacts == null ? Set.of() : Set.copyOf(contacts);
  }

  @Override
  public void markSynced(UserAddress user, LegacyContact contact) {
    synced.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(contact.id());
  }

  @Override
  public boolean forget(UserAddress user, LegacyContactId contact) {
    Set<LegacyContactId> contacts = synced.get(user);
    return contacts != null && contacts.remove(contact);
  }

  @Override
  public void forgetAll(UserAddress user) {
    synced.remove(user);
  }
}
