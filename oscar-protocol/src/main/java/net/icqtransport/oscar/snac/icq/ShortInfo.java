package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;

/**
 * SNAC(15,03)/07DA/0104, short user info (iserverd {@code snac_15_03_07da_0104.txt}), the answer to 07D0/04BA.
 *
 * @param gender 0 unspecified, 1 female, 2 male; 0 when the server leaves it out
 */
public record ShortInfo(String nickname, String firstName, String lastName, String email,
    boolean authorizationRequired, int gender) {

  public static ShortInfo parse(byte[] data, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, "short info (07DA/0104)");
    String nickname = in.string("nickname");
    String firstName = in.string("first name");
    String lastName = in.string("last name");
    String email = in.string("e-mail");
    boolean auth = in.u8("authorization flag") != 0;
    int gender = 0;
    if (in.remaining() >= 2) {
      in.u8("unknown");
      gender = in.u8("gender");
    }
    return new ShortInfo(nickname, firstName, lastName, email, auth, gender);
  }
}
