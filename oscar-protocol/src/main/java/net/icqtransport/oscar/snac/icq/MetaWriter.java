package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The string shapes of family 0x15 requests (iserverd {@code snac_15_xx_tlvs.txt}): "sstring" is a u16-LE length
 * counting the terminating NUL, the bytes, the NUL; a META TLV is a u16-LE type and u16-LE length. Text goes in
 * the legacy codepage when it can hold it, else in UTF-8.
 */
public final class MetaWriter {
  private MetaWriter() {}

  public static byte[] encode(String text, Charset legacyCodepage) {
    CharsetEncoder encoder = legacyCodepage.newEncoder();
    return encoder.canEncode(text) ? text.getBytes(legacyCodepage) : text.getBytes(StandardCharsets.UTF_8);
  }

  /** u16-LE length (with the NUL), bytes, NUL. */
  public static void writeString(ByteBuf out, String text, Charset legacyCodepage) {
    byte[] bytes = encode(text, legacyCodepage);
    if (bytes.length + 1 > 0xFFFF) {
      throw new IllegalArgumentException("string too long for family 0x15: " + bytes.length + " bytes");
    }
    out.writeShortLE(bytes.length + 1);
    out.writeBytes(bytes);
    out.writeByte(0);
  }

  /** A META TLV holding an sstring. */
  public static void writeStringTlv(ByteBuf out, int type, String text, Charset legacyCodepage) {
    byte[] bytes = encode(text, legacyCodepage);
    out.writeShortLE(type);
    out.writeShortLE(bytes.length + 3);
    out.writeShortLE(bytes.length + 1);
    out.writeBytes(bytes);
    out.writeByte(0);
  }
}
