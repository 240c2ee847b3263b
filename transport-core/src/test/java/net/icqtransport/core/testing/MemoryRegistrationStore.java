package net.icqtransport.core.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;

/**
 * Registrations in memory, for bridge tests that are not about the database; {@link #unreachable} makes every
 * call fail as a JDBC store does while its database is down.
 */
public final class MemoryRegistrationStore implements RegistrationStore {

  private final ConcurrentSkipListMap<UserAddress, Registration> registrations = new ConcurrentSkipListMap<>();
  private volatile boolean unreachable;

  /** From now on every call fails with {@link StoreException} (true) or works again (false). */
  public void unreachable(boolean down) {
    unreachable = down;
  }

  @Override
  public Optional<Registration> find(UserAddress user) {
    failIfUnreachable();
    return Optional.ofNullable(registrations.get(user));
  }

  @Override
  public void save(Registration registration) {
    failIfUnreachable();
    registrations.put(registration.user(), registration);
  }

  @Override
  public boolean delete(UserAddress user) {
    failIfUnreachable();
    return registrations.remove(user) != null;
  }

  @Override
  public List<Registration> all() {
    failIfUnreachable();
    return List.copyOf(registrations.values());
  }

  @Override
  public List<Registration> findByAccount(net.icqtransport.core.legacy.LegacyContactId account) {
    failIfUnreachable();
    return registrations.values().stream().filter(r -> r.credentials().account().equals(account)).toList();
  }

  private void failIfUnreachable() {
    if (unreachable) {
      throw new StoreException("cannot reach the registration database",
          new java.sql.SQLTransientConnectionException("Connection refused"));
    }
  }
}
