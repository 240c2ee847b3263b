package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * An account on the legacy network and its password. {@link #toString()} never shows the password, so a
 * credentials object may safely end up in a log line.
 */
public record LegacyCredentials(LegacyContactId account, String password) {

  public LegacyCredentials {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "LegacyCredentials[account=" + account + ", password=***]";
  }
}
