package net.icqtransport.oscar.snac.auth;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(17,07): the MD5 login key. Most servers send a u16 length; the iserverd example dump has a u32
 * length, so both are accepted when the length matches the data exactly.
 */
public final class AuthKeyReply {
  private final byte[] key;

  public AuthKeyReply(byte[] key) {
    this.key = key.clone();
  }

  public byte[] key() {
    return key.clone();
  }

  public static AuthKeyReply decode(Snac snac) {
    if (!snac.is(SnacType.AUTH_KEY_REPLY)) {
      throw new IllegalArgumentException("not SNAC(17,07): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    int total = in.readableBytes();
    int u16 = SnacIo.readU16(in, "auth key length");
    if (u16 == total - 2) {
      return new AuthKeyReply(SnacIo.readBytes(in, u16, "auth key"));
    }
    in.readerIndex(0);
    if (total >= 4 && in.getUnsignedInt(0) == total - 4) {
      in.skipBytes(4);
      return new AuthKeyReply(SnacIo.readBytes(in, total - 4, "auth key"));
    }
    throw new OscarProtocolException("SNAC(17,07) key length " + u16 + " does not match " + total + " data bytes");
  }

  @Override
  public String toString() {
    return "AuthKeyReply[" + key.length + " bytes]";
  }
}
