package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * What the legacy network tells about a user (ICQ family 0x15 short/full info, or a search result). Every
 * field but {@code id} may be {@code null} when unknown.
 */
public record LegacyUserInfo(
    LegacyContactId id,
    String nickname,
    String firstName,
    String lastName,
    String email,
    String city,
    String state,
    String country,
    String homePage,
    String about,
    Integer age,
    Gender gender,
    Boolean authorizationRequired,
    Boolean online) {

  /** Gender as ICQ records it. */
  public enum Gender {
    FEMALE,
    MALE
  }

  public LegacyUserInfo {
    Objects.requireNonNull(id, "id");
  }

  /** Info holding only the id and nickname. */
  public static LegacyUserInfo named(LegacyContactId id, String nickname) {
    return new LegacyUserInfo(id, nickname, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
