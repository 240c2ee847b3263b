package net.icqtransport.oscar.snac.location;

import java.util.Objects;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(02,05), the older "request user location info" (iserverd {@code snac_02_05}): the type of info u16, then
 * the screen name (u8 length). Answered like {@link LocationInfoQuery}: SNAC(02,06) or SNAC(02,01). Sent where a
 * server refuses 02/15.
 *
 * @param type {@link #GENERAL} (profile), {@link #ONLINE} (the user-info block only), {@link #AWAY_MESSAGE} or
 *     {@link #CAPABILITIES}
 * @param screenName whom to ask about, as written on the wire
 */
public record LocationInfoRequest(int type, String screenName) {
  /** 0x0001: general info, i.e. the profile (TLVs 0x01, 0x02). */
  public static final int GENERAL = 0x0001;
  /** 0x0002: the fixed part only. */
  public static final int ONLINE = 0x0002;
  /** 0x0003: the away message (TLVs 0x03, 0x04). */
  public static final int AWAY_MESSAGE = 0x0003;
  /** 0x0004: the capabilities (TLV 0x05). */
  public static final int CAPABILITIES = 0x0004;

  public LocationInfoRequest {
    Objects.requireNonNull(screenName, "screenName");
    if (type < 0 || type > 0xFFFF) {
      throw new IllegalArgumentException("type must fit a u16: " + type);
    }
    if (screenName.isEmpty() || screenName.length() > 0xFF) {
      throw new IllegalArgumentException("screen name must be 1..255 characters");
    }
  }

  /** The 02/05 type asking for the same part as these 02/15 flags (the first of profile, away, capabilities). */
  public static int typeFor(long queryFlags) {
    if ((queryFlags & LocationInfoQuery.PROFILE) != 0) {
      return GENERAL;
    }
    if ((queryFlags & LocationInfoQuery.AWAY_MESSAGE) != 0) {
      return AWAY_MESSAGE;
    }
    return (queryFlags & LocationInfoQuery.CAPABILITIES) != 0 ? CAPABILITIES : ONLINE;
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.LOCATION_INFO_REQUEST, requestId, out -> {
      out.writeShort(type);
      SnacIo.writeScreenName(out, screenName);
    });
  }

  public static LocationInfoRequest decode(Snac snac) {
    if (!snac.is(SnacType.LOCATION_INFO_REQUEST)) {
      throw new IllegalArgumentException("not SNAC(02,05): " + snac);
    }
    var in = snac.dataBuffer();
    int type = SnacIo.readU16(in, "02/05 type");
    String name = SnacIo.readScreenName(in);
    if (name.isEmpty()) {
      throw new OscarProtocolException("02/05 without a screen name");
    }
    return new LocationInfoRequest(type, name);
  }
}
