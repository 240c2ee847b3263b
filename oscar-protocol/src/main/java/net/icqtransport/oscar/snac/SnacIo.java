package net.icqtransport.oscar.snac;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import net.icqtransport.oscar.OscarProtocolException;

/**
 * Bounds-checked reads and the string shapes OSCAR SNACs use (u8- and u16-length-prefixed ASCII). Every short
 * read becomes an {@link OscarProtocolException}, never an {@link IndexOutOfBoundsException}.
 */
public final class SnacIo {
  private SnacIo() {}

  public static void require(ByteBuf in, int bytes, String what) {
    if (in.readableBytes() < bytes) {
      throw new OscarProtocolException(
          "truncated " + what + ": need " + bytes + " bytes, " + in.readableBytes() + " left");
    }
  }

  public static int readU8(ByteBuf in, String what) {
    require(in, 1, what);
    return in.readUnsignedByte();
  }

  public static int readU16(ByteBuf in, String what) {
    require(in, 2, what);
    return in.readUnsignedShort();
  }

  public static long readU32(ByteBuf in, String what) {
    require(in, 4, what);
    return in.readUnsignedInt();
  }

  public static byte[] readBytes(ByteBuf in, int length, String what) {
    require(in, length, what);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /** A screen name (UIN) with a u8 length, as in ICBM and user-info blocks. */
  public static String readScreenName(ByteBuf in) {
    int length = readU8(in, "screen name length");
    return new String(readBytes(in, length, "screen name"), StandardCharsets.US_ASCII);
  }

  public static void writeScreenName(ByteBuf out, String screenName) {
    byte[] bytes = screenName.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > 0xFF) {
      throw new IllegalArgumentException("screen name too long: " + bytes.length);
    }
    out.writeByte(bytes.length);
    out.writeBytes(bytes);
  }

  /** A string with a u16 length, as in SSI item names; decoded as UTF-8 (ASCII for UINs). */
  public static String readU16String(ByteBuf in, String what) {
    int length = readU16(in, what + " length");
    return new String(readBytes(in, length, what), StandardCharsets.UTF_8);
  }
}
