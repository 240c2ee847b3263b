package net.icqtransport.oscar.icq;

import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.legacy.LegacyUserInfo.Gender;
import net.icqtransport.oscar.snac.icq.BasicInfo;
import net.icqtransport.oscar.snac.icq.FoundUser;
import net.icqtransport.oscar.snac.icq.IcqCountries;
import net.icqtransport.oscar.snac.icq.MoreInfo;
import net.icqtransport.oscar.snac.icq.ShortInfo;
import net.icqtransport.oscar.snac.icq.WorkInfo;

/**
 * The one place family-0x15 replies become {@link LegacyUserInfo}: empty strings and zero codes become
 * {@code null}, country codes names ({@link IcqCountries}), gender codes (1 female, 2 male) the enum.
 */
final class IcqUserInfoMapper {
  private IcqUserInfoMapper() {}

  /** Full info: basic (07DA/00C8) with what "more" (00DC), work (00D2) and notes (00E6) add, each optional. */
  static LegacyUserInfo fullInfo(LegacyContactId id, BasicInfo basic, MoreInfo more, WorkInfo work, String notes,
      String fallbackEmail) {
    String email = basic == null ? fallbackEmail : orElse(text(basic.email()), fallbackEmail);
    String homePage = more == null ? null : text(more.homePage());
    if (homePage == null && work != null) {
      homePage = text(work.homePage());
    }
    return new LegacyUserInfo(id,
        basic == null ? null : text(basic.nickname()),
        basic == null ? null : text(basic.firstName()),
        basic == null ? null : text(basic.lastName()),
        email,
        basic == null ? null : text(basic.city()),
        basic == null ? null : text(basic.state()),
        basic == null ? null : IcqCountries.name(basic.country()).orElse(null),
        homePage,
        text(notes),
        more == null || more.age() == 0 ? null : more.age(),
        more == null ? null : gender(more.gender()),
        basic == null ? null : basic.authorizationRequired(),
        null);
  }

  /** Short info (07DA/0104), the fallback when full info is refused. */
  static LegacyUserInfo shortInfo(LegacyContactId id, ShortInfo info) {
    return new LegacyUserInfo(id, text(info.nickname()), text(info.firstName()), text(info.lastName()),
        text(info.email()), null, null, null, null, null, null, gender(info.gender()), info.authorizationRequired(),
        null);
  }

  /** A search result (07DA/01A4, 01AE); online status 2 ("not web-aware") is unknown. */
  static LegacyUserInfo found(FoundUser user) {
    Boolean online = switch (user.onlineStatus()) {
      case 0 -> Boolean.FALSE;
      case 1 -> Boolean.TRUE;
      default -> null;
    };
    return new LegacyUserInfo(new LegacyContactId(Long.toString(user.uin())), text(user.nickname()),
        text(user.firstName()), text(user.lastName()), text(user.email()), null, null, null, null, null,
        user.age() == 0 ? null : user.age(), gender(user.gender()), user.authorizationRequired(), online);
  }

  static Gender gender(int code) {
    return switch (code) {
      case MoreInfo.FEMALE -> Gender.FEMALE;
      case MoreInfo.MALE -> Gender.MALE;
      default -> null;
    };
  }

  private static String text(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String orElse(String value, String other) {
    return value != null ? value : other;
  }
}
