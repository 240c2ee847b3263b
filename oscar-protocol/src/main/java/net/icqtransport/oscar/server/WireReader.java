package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import net.icqtransport.oscar.OscarProtocolException;

/** Bounds-checked reads for client SNAC fields; any shortfall is an {@link OscarProtocolException}. */
final class WireReader {
  private WireReader() {}

  static void require(ByteBuf in, int bytes, String what) {
    if (in.readableBytes() < bytes) {
      throw new OscarProtocolException("truncated " + what + ": need " + bytes + " bytes, " + in.readableBytes() + " left");
    }
  }

  static byte[] readBytes(ByteBuf in, int length, String what) {
    require(in, length, what);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  static int readU16(ByteBuf in, String what) {
    require(in, 2, what);
    return in.readUnsignedShort();
  }

  static long readU32(ByteBuf in, String what) {
    require(in, 4, what);
    return in.readUnsignedInt();
  }

  /** A u8-length-prefixed screen name. */
  static String readScreenName(ByteBuf in) {
    require(in, 1, "screen name length");
    int length = in.readUnsignedByte();
    if (length == 0) {
      throw new OscarProtocolException("empty screen name");
    }
    return new String(readBytes(in, length, "screen name"), StandardCharsets.US_ASCII);
  }
}
