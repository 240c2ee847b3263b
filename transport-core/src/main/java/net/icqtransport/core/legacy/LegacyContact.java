package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * An entry of the user's contact list as the legacy network stores it (ICQ SSI buddy item, 13/06).
 *
 * @param id the contact's identifier
 * @param nickname the name the user gave the contact (SSI TLV 0x0131), or the id when none was given
 * @param group the group the contact is filed under, or {@code null} for none
 * @param awaitingAuthorization whether the contact has not yet authorized the user (SSI TLV 0x0066)
 */
public record LegacyContact(LegacyContactId id, String nickname, String group, boolean awaitingAuthorization) {

  public LegacyContact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(nickname, "nickname");
  }

  public LegacyContact(LegacyContactId id, String nickname, String group) {
    this(id, nickname, group, false);
  }
}
