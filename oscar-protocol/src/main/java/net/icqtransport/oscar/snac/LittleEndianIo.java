package net.icqtransport.oscar.snac;

import io.netty.buffer.ByteBuf;

/**
 * Bounds-checked little-endian reads for the ICQ parts of OSCAR (channel-2 TLV 0x2711, channel-4 data, family
 * 0x15 chunks), which kept the byte order of the old ICQ protocol. Short reads become
 * {@link net.icqtransport.oscar.OscarProtocolException}.
 */
public final class LittleEndianIo {
  private LittleEndianIo() {}

  public static int readU16(ByteBuf in, String what) {
    SnacIo.require(in, 2, what);
    return in.readUnsignedShortLE();
  }

  public static long readU32(ByteBuf in, String what) {
    SnacIo.require(in, 4, what);
    return in.readUnsignedIntLE();
  }

  /** A u16-LE length, then that many bytes. */
  public static byte[] readU16Bytes(ByteBuf in, String what) {
    int length = readU16(in, what + " length");
    return SnacIo.readBytes(in, length, what);
  }
}
