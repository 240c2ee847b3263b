package net.icqtransport.oscar.flap;

import net.icqtransport.oscar.OscarProtocolException;

/** FLAP channels (the second header byte). */
public enum FlapChannel {
  /** Sign-on: {@code 00 00 00 01} protocol version, then login or cookie TLVs. */
  SIGNON(0x01),
  /** SNAC data. */
  DATA(0x02),
  /** FLAP-level error. */
  ERROR(0x03),
  /** Close / sign-off, optionally with reason TLVs (0x09 reason, 0x0B URL, 0x05 BOS address, 0x06 cookie). */
  SIGNOFF(0x04),
  /** Keepalive, empty payload. */
  KEEPALIVE(0x05);

  private static final FlapChannel[] BY_CODE = new FlapChannel[6];

  static {
    for (FlapChannel channel : values()) {
      BY_CODE[channel.code] = channel;
    }
  }

  private final int code;

  FlapChannel(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * @throws OscarProtocolException for a channel number OSCAR does not define
   */
  public static FlapChannel fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length || BY_CODE[code] == null) {
      throw new OscarProtocolException(String.format("unknown FLAP channel 0x%02X", code));
    }
    return BY_CODE[code];
  }
}
