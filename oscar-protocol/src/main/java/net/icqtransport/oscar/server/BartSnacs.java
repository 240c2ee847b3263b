package net.icqtransport.oscar.server;

import net.icqtransport.oscar.snac.Snac;

/** Server-sent family 0x10 (BART, buddy icons) SNACs, on the service connection. */
final class BartSnacs {
  /** The five bytes before the hash in the dump of {@code snac_10_03} (unexplained there). */
  private static final byte[] UPLOAD_ACK_HEAD = {0x00, 0x00, 0x01, 0x01, 0x10};
  private static final int ICON_ID = 0x0001;
  private static final int ICON_FLAGS = 0x01;

  private BartSnacs() {}

  /** 10/03 (reference {@code snac_10_03}): the MD5 of the uploaded icon, same request id as the 10/02. */
  static Snac uploadAck(long requestId, byte[] md5) {
    return ServerSnacs.snac(0x10, 0x03, requestId, out -> {
      out.writeBytes(UPLOAD_ACK_HEAD);
      out.writeBytes(md5);
    });
  }

  /** 10/05 (reference {@code snac_10_05}): screen name, icon id, flags, hash, u16 length and the icon. */
  static Snac aimIconReply(long requestId, String screenName, byte[] md5, byte[] icon) {
    return ServerSnacs.snac(0x10, 0x05, requestId, out -> {
      UserInfoBlock.writeScreenName(out, screenName);
      writeId(out, md5);
      out.writeShort(icon.length);
      out.writeBytes(icon);
    });
  }

  /** 10/07 (reference {@code snac_10_07}): UIN, id and hash, a 0 byte, id and hash again, u16 length, icon. */
  static Snac icqIconReply(long requestId, String uin, byte[] md5, byte[] icon) {
    return ServerSnacs.snac(0x10, 0x07, requestId, out -> {
      UserInfoBlock.writeScreenName(out, uin);
      writeId(out, md5);
      out.writeByte(0);
      writeId(out, md5);
      out.writeShort(icon.length);
      out.writeBytes(icon);
    });
  }

  private static void writeId(io.netty.buffer.ByteBuf out, byte[] md5) {
    out.writeShort(ICON_ID);
    out.writeByte(ICON_FLAGS);
    out.writeByte(md5.length);
    out.writeBytes(md5);
  }
}
