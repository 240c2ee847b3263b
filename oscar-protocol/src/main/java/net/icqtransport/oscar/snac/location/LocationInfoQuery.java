package net.icqtransport.oscar.snac.location;

import java.util.Objects;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(02,15), "query user online info" (iserverd {@code snac_02_15}): request flags u32, then the screen name
 * (u8 length). The server answers with SNAC(02,06) ({@link LocationUserInfo}) holding the parts the flags ask
 * for, or SNAC(02,01) (code 4 when the user is not online).
 *
 * @param flags bitmask of {@link #PROFILE}, {@link #AWAY_MESSAGE}, {@link #CAPABILITIES}
 * @param screenName whom to ask about, as written on the wire
 */
public record LocationInfoQuery(long flags, String screenName) {
  /** 0x00000001: the profile (TLVs 0x01 MIME type, 0x02 text). */
  public static final long PROFILE = 0x1;
  /** 0x00000002: the away message (TLVs 0x03 MIME type, 0x04 text). */
  public static final long AWAY_MESSAGE = 0x2;
  /** 0x00000004: the capability list (TLV 0x05). */
  public static final long CAPABILITIES = 0x4;

  public LocationInfoQuery {
    Objects.requireNonNull(screenName, "screenName");
    if (flags < 0 || flags > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("flags must fit a u32: " + flags);
    }
    if (screenName.isEmpty() || screenName.length() > 0xFF) {
      throw new IllegalArgumentException("screen name must be 1..255 characters");
    }
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.LOCATION_USER_INFO_QUERY, requestId, out -> {
      out.writeInt((int) flags);
      SnacIo.writeScreenName(out, screenName);
    });
  }

  public static LocationInfoQuery decode(Snac snac) {
    if (!snac.is(SnacType.LOCATION_USER_INFO_QUERY)) {
      throw new IllegalArgumentException("not SNAC(02,15): " + snac);
    }
    var in = snac.dataBuffer();
    long flags = SnacIo.readU32(in, "02/15 flags");
    String name = SnacIo.readScreenName(in);
    if (name.isEmpty()) {
      throw new OscarProtocolException("02/15 without a screen name");
    }
    return new LocationInfoQuery(flags, name);
  }
}
