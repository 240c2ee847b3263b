package net.icqtransport.oscar.snac.icq;

import java.nio.charset.Charset;
import java.util.OptionalLong;

/**
 * One search result, SNAC(15,03)/07DA/01A4 "user found" or 07DA/01AE "last user found" (iserverd
 * {@code snac_15_03_07da_01a4.txt}, {@code ..._01ae.txt}): the data after the success byte, a u16 size of the
 * record, then UIN, names, e-mail, flags; the last result adds how many more users matched than were sent.
 *
 * @param onlineStatus 0 offline, 1 online, 2 not web-aware (unknown)
 * @param gender 0 unspecified, 1 female, 2 male
 * @param usersLeft for 01AE only: matches the server did not send
 */
public record FoundUser(long uin, String nickname, String firstName, String lastName, String email,
    boolean authorizationRequired, int onlineStatus, int gender, int age, OptionalLong usersLeft) {

  public static FoundUser parse(byte[] data, boolean last, Charset codepage) {
    MetaReader in = new MetaReader(data, codepage, last ? "last user found (07DA/01AE)" : "user found (07DA/01A4)");
    int size = in.u16("record size");
    if (size > in.remaining()) {
      throw new net.icqtransport.oscar.OscarProtocolException(
          "truncated search result: record of " + size + " bytes, " + in.remaining() + " left");
    }
    long uin = in.u32("UIN");
    String nickname = in.string("nickname");
    String firstName = in.string("first name");
    String lastName = in.string("last name");
    String email = in.string("e-mail");
    boolean auth = in.u8("authorization flag") != 0;
    int online = in.u16("online status");
    int gender = in.u8("gender");
    int age = in.u16("age");
    OptionalLong left = OptionalLong.empty();
    if (last && in.remaining() >= 4) {
      left = OptionalLong.of(in.u32("users left"));
    }
    return new FoundUser(uin, nickname, firstName, lastName, email, auth, online, gender, age, left);
  }
}
