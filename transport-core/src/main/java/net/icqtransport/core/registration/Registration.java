package net.icqtransport.core.registration;

import java.time.Instant;
import java.util.Objects;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.user.UserAddress;

/**
 * A Jabber user's registration with the transport (XEP-0077) and the user's session settings (the legacy
 * codepage chosen with the ad-hoc command). {@link #toString()} never shows the password.
 */
public record Registration(
    UserAddress user, LegacyCredentials credentials, Instant registeredAt, LegacySessionOptions options) {

  public Registration {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(options, "options");
  }

  /** A registration with the network's default session settings. */
  public Registration(UserAddress user, LegacyCredentials credentials, Instant registeredAt) {
    this(user, credentials, registeredAt, LegacySessionOptions.DEFAULTS);
  }

  /** The same registration with other session settings. */
  public Registration withOptions(LegacySessionOptions newOptions) {
    return new Registration(user, credentials, registeredAt, newOptions);
  }

  @Override
  public String toString() {
    return "Registration[user=" + user + ", account=" + credentials.account() + ", registeredAt=" + registeredAt + "]";
  }
}
