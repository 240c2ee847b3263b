package net.icqtransport.core.registration;

import java.time.Instant;
import java.util.Objects;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.user.UserAddress;

/**
 * A Jabber user's registration with the transport (XEP-0077). {@link #toString()} never shows the password.
 */
public record Registration(UserAddress user, LegacyCredentials credentials, Instant registeredAt) {

  public Registration {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }

  @Override
  public String toString() {
    return "Registration[user=" + user + ", account=" + credentials.account() + ", registeredAt=" + registeredAt + "]";
  }
}
