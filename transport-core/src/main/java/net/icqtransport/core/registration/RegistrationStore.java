package net.icqtransport.core.registration;

import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/** Durable registrations. Implementations are thread-safe; a failure surfaces as {@link StoreException}. */
public interface RegistrationStore {

  Optional<Registration> find(UserAddress user);

  /** Inserts or replaces the user's registration. */
  void save(Registration registration);

  /** Deletes the user's registration; returns whether there was one. */
  boolean delete(UserAddress user);

  /** Every registration, ordered by user. */
  List<Registration> all();

  /**
   * The registrations of one legacy account, ordered by user: more than one only in data written before the
   * transport refused a second user for an account (XEP-0077 {@code conflict}).
   */
  List<Registration> findByAccount(LegacyContactId account);
}
