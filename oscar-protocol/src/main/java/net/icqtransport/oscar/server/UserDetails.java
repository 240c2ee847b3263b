package net.icqtransport.oscar.server;

import java.util.Objects;

/**
 * One account's white-pages entry, as the family 0x15 info and search replies carry it (references
 * {@code snac_15_03_07da_00c8}, {@code _00dc}, {@code _00e6}, {@code _0104}, {@code _01a4}). Strings are never
 * null (empty when unknown); gender 0 unknown, 1 female, 2 male; {@code authRequired} as in reference
 * {@code snac_15_02_07d0_0424} (1 = required).
 */
record UserDetails(
    String nickname,
    String firstName,
    String lastName,
    String email,
    String city,
    String state,
    String phone,
    String fax,
    String address,
    String cellPhone,
    String zip,
    int countryCode,
    int gmtOffset,
    boolean authRequired,
    boolean webAware,
    int age,
    int gender,
    String homepage,
    int birthYear,
    int birthMonth,
    int birthDay,
    int[] languages,
    String about) {

  UserDetails {
    Objects.requireNonNull(nickname);
    Objects.requireNonNull(firstName);
    Objects.requireNonNull(lastName);
    Objects.requireNonNull(email);
    Objects.requireNonNull(city);
    Objects.requireNonNull(state);
    Objects.requireNonNull(phone);
    Objects.requireNonNull(fax);
    Objects.requireNonNull(address);
    Objects.requireNonNull(cellPhone);
    Objects.requireNonNull(zip);
    Objects.requireNonNull(homepage);
    Objects.requireNonNull(about);
    languages = languages == null ? new int[3] : java.util.Arrays.copyOf(languages, 3);
  }

  /** The entry of an account nobody described: every field empty. */
  static UserDetails empty() {
    return basic("", "", "", "", "", 0, 0, 0, "", "", false);
  }

  /** The fields the builder's {@code details(...)} sets; the others empty. */
  static UserDetails basic(String nickname, String firstName, String lastName, String email, String city,
      int countryCode, int age, int gender, String about, String homepage, boolean authRequired) {
    return new UserDetails(orEmpty(nickname), orEmpty(firstName), orEmpty(lastName), orEmpty(email), orEmpty(city),
        "", "", "", "", "", "", countryCode, 0, authRequired, false, age, gender, orEmpty(homepage), 0, 0, 0,
        new int[3], orEmpty(about));
  }

  UserDetails withAuthRequired(boolean required) {
    return new UserDetails(nickname, firstName, lastName, email, city, state, phone, fax, address, cellPhone, zip,
        countryCode, gmtOffset, required, webAware, age, gender, homepage, birthYear, birthMonth, birthDay,
        languages, about);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
