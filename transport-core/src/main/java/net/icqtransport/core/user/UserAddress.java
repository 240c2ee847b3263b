package net.icqtransport.core.user;

import java.util.Objects;

/**
 * A Jabber user's bare JID in canonical (stringprepped) form, e.g. {@code alice@example.org}. The XMPP side
 * canonicalizes; the core treats it as an opaque key.
 */
public record UserAddress(String bareJid) implements Comparable<UserAddress> {

  public UserAddress {
    Objects.requireNonNull(bareJid, "bareJid");
    if (bareJid.isEmpty() || bareJid.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not a bare JID: " + bareJid);
    }
  }

  @Override
  public int compareTo(UserAddress other) {
    return bareJid.compareTo(other.bareJid);
  }

  @Override
  public String toString() {
    return bareJid;
  }
}
