package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;

/**
 * SNAC(15,03)/07DA/00C8, basic user info (iserverd {@code snac_15_03_07da_00c8.txt}): the data after the success
 * byte. Strings are "" when empty.
 *
 * @param country the home country code (telephone-style, 7 Russia; see {@link IcqCountries})
 * @param gmtOffset the time zone in half hours, signed
 * @param authorizationRequired the authorization flag (1: required, as SNAC(15,02)/07D0/0424 sets it)
 */
public record BasicInfo(String nickname, String firstName, String lastName, String email, String city,
    String state, String phone, String fax, String address, String cellPhone, String zip, int country,
    int gmtOffset, boolean authorizationRequired, boolean webAware) {

  public static BasicInfo parse(byte[] data, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "basic info (07DA/00C8)");
    String nickname = in.string("nickname");
    String firstName = in.string("first name");
    String lastName = in.string("last name");
    String email = in.string("e-mail");
    String city = in.string("city");
    String state = in.string("state");
    String phone = in.string("phone");
    String fax = in.string("fax");
    String address = in.string("address");
    String cellPhone = in.string("cell phone");
    String zip = in.string("zip code");
    int country = in.u16("country");
    int gmtOffset = (byte) in.u8("GMT offset");
    boolean auth = in.u8("authorization flag") != 0;
    // The web-aware flag and what follows came later; old servers end here.
    boolean webAware = in.isReadable() && in.u8("web-aware flag") != 0;
    return new BasicInfo(nickname, firstName, lastName, email, city, state, phone, fax, address, cellPhone, zip,
        country, gmtOffset, auth, webAware);
  }
}
