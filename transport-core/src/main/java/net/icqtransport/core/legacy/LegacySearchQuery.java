package net.icqtransport.core.legacy;

/**
 * A directory search (ICQ family 0x15: by UIN 0x0569, by e-mail 0x0573, by details 0x0515). Fields not
 * searched for are {@code null}; at least one is set.
 */
public record LegacySearchQuery(
    LegacyContactId uin, String email, String nickname, String firstName, String lastName, Boolean onlineOnly) {

  public LegacySearchQuery {
    if (uin == null && isBlank(email) && isBlank(nickname) && isBlank(firstName) && isBlank(lastName)) {
      throw new IllegalArgumentException("a search needs a UIN, an e-mail address or a name");
    }
  }

  public static LegacySearchQuery byUin(LegacyContactId uin) {
    return new LegacySearchQuery(uin, null, null, null, null, null);
  }

  public static LegacySearchQuery byEmail(String email) {
    return new LegacySearchQuery(null, email, null, null, null, null);
  }

  public static LegacySearchQuery byDetails(String nickname, String firstName, String lastName) {
    return new LegacySearchQuery(null, null, nickname, firstName, lastName, null);
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
