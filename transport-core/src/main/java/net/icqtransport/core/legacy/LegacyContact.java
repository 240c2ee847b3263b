package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * An entry of the user's contact list as the legacy network stores it.
 *
 * @param id the contact's identifier
 * @param nickname the name the user gave the contact, or the id when none was given
 * @param group the group the contact is filed under, or {@code null} for none
 */
public record LegacyContact(LegacyContactId id, String nickname, String group) {

  public LegacyContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nickname, "nickname");
  }
}
