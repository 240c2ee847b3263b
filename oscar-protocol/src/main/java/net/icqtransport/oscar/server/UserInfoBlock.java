package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The online user-info block (reference {@code info_block}): screen name (u8 length + ASCII), warning level
 * u16, then a TLV block (u16 count + TLVs). Carried by 01/0F, 03/0B, 03/0C and 04/07.
 */
record UserInfoBlock(String screenName, int warningLevel, TlvChain tlvs) {
  UserInfoBlock {
    Objects.requireNonNull(screenName, "screenName");
    Objects.requireNonNull(tlvs, "tlvs");
    if (screenName.isEmpty() || screenName.length() > 0xFF) {
      throw new IllegalArgumentException("screen name must be 1..255 characters");
    }
  }

  void writeTo(ByteBuf out) {
    writeScreenName(out, screenName);
    out.writeShort(warningLevel);
    tlvs.writeBlock(out);
  }

  /** A u8-length-prefixed ASCII screen name, as ICBM and user-info blocks carry it. */
  static void writeScreenName(ByteBuf out, String screenName) {
    byte[] bytes = screenName.getBytes(StandardCharsets.US_ASCII);
    out.writeByte(bytes.length);
    out.writeBytes(bytes);
  }
}
