package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * The fields every client-to-client ICBM SNAC starts with (iserverd snac_04_06, snac_04_0b, snac_04_14): message
 * cookie u64, channel u16, screen name (u8 length).
 */
final class IcbmHeader {
  private IcbmHeader() {}

  static void write(ByteBuf out, long cookie, int channel, String screenName) {
    out.writeLong(cookie);
    out.writeShort(channel);
    SnacIo.writeScreenName(out, screenName);
  }
}
