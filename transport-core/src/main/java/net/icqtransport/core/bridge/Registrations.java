package net.icqtransport.core.bridge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;

/** The registrations: who is registered with which legacy account (XEP-0077, XEP-0100 §4.1-4.3). One role of the {@link Gateway}. */
public interface Registrations {

  /**
   * Registers the user (XEP-0077 / XEP-0100 §4.1): the credentials are checked by logging in to the legacy
   * network, and stored only if that succeeds. Fails with
   * {@link net.icqtransport.core.legacy.LoginFailedException} when the network refuses them.
   */
  CompletableFuture<Registration> register(UserAddress user, LegacyCredentials credentials);

  /** Ends the user's session and deletes the registration; completes with whether there was one. */
  CompletableFuture<Boolean> unregister(UserAddress user);

  /** The user's registration, if any. */
  Optional<Registration> registration(UserAddress user);

  /** Every registered user, e.g. to probe their presence after a start. */
  List<UserAddress> registeredUsers();

  /**
   * Stores the 8-bit codepage the user's contacts write in ({@code null}: the configured default) and, when
   * the user is online, logs in again so that it applies (user command "Legacy codepage").
   */
  default CompletableFuture<Void> setLegacyCodepage(UserAddress user, java.nio.charset.Charset codepage) {
    return Unsupported.feature("codepages");
  }
}
