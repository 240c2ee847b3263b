package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * SNAC(15,03)/07DA/00DC, "more" user info (iserverd {@code snac_15_03_07da_00dc.txt}): age, gender, home page,
 * birth date, spoken languages; the "originally from" fields that follow on newer servers are not kept.
 *
 * @param age 0 when not given
 * @param gender 0 unspecified, 1 female, 2 male
 * @param birthYear 0 when not given
 * @param languages the non-zero language codes
 */
public record MoreInfo(int age, int gender, String homePage, int birthYear, int birthMonth, int birthDay,
    List<Integer> languages) {
  public static final int FEMALE = 1;
  public static final int MALE = 2;

  public MoreInfo {
    languages = List.copyOf(languages);
  }

  public static MoreInfo parse(byte[] data, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "more info (07DA/00DC)");
    int age = in.u16("age");
    int gender = in.u8("gender");
    String homePage = in.string("home page");
    int year = in.u16("birth year");
    int month = in.u8("birth month");
    int day = in.u8("birth day");
    List<Integer> languages = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      int language = in.u8("language " + i);
      if (language != 0) {
        languages.add(language);
      }
    }
    return new MoreInfo(age, gender, homePage, year, month, day, languages);
  }
}
