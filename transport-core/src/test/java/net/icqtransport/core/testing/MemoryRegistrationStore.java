package net.icqtransport.core.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.RegistrationStore;
import net.icqtransport.core.user.UserAddress;

/** Registrations in memory, for bridge tests that are not about the database. */
public final class MemoryRegistrationStore implements RegistrationStore {

  private final ConcurrentSkipListMap<UserAddress, Registration> registrations = new ConcurrentSkipListMap<>();

  @Override
  public Optional<Registration> find(UserAddress user) {
    return Optional.ofNullable(registrations.get(user));
  }

  @Override
  public void save(Registration registration) {
    registrations.put(registration.user(), registration);
  }

  @Override
  public boolean delete(UserAddress user) {
    return registrations.remove(user) != null;
  }

  @Override
  public List<Registration> all() {
    return List.copyOf(registrations.values());
  }
}
