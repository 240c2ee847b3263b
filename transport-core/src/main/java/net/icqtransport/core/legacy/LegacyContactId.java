package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * A contact's identifier on the legacy network, in its canonical form (for ICQ, the UIN as ASCII digits,
 * e.g. {@code 100002}). The XMPP side maps it to and from {@code 100002@icq.example.org}.
 */
public record LegacyContactId(String value) implements Comparable<LegacyContactId> {

  public LegacyContactId {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty legacy contact id");
    }
  }

  @Override
  public int compareTo(LegacyContactId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
