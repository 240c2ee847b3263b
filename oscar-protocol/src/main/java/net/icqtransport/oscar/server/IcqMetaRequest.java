package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC 15/02 (reference {@code snac_15_02}, {@code snac_15_02_07d0}): TLV 0x01 holding a little-endian chunk of
 * size, owner UIN, request type, sequence and, for 0x07D0 meta requests, a subtype; {@code data} is the rest.
 */
record IcqMetaRequest(long uin, int type, int sequence, int subtype, byte[] data) {
  static final int OFFLINE_MESSAGES = 0x003C;
  static final int DELETE_OFFLINE_MESSAGES = 0x003E;
  static final int META = 0x07D0;

  IcqMetaRequest {
    data = data.clone();
  }

  static IcqMetaRequest parse(Snac snac) {
    byte[] chunk = TlvChain.readChain(snac.dataBuffer()).bytes(0x01)
        .orElseThrow(() -> new OscarProtocolException("15/02 without TLV 0x01"));
    ByteBuf in = Unpooled.wrappedBuffer(chunk);
    WireReader.require(in, 10, "15/02 chunk header");
    int size = in.readUnsignedShortLE();
    if (size != chunk.length - 2) {
      throw new OscarProtocolException("15/02 chunk size " + size + " for " + (chunk.length - 2) + " bytes");
    }
    long uin = in.readUnsignedIntLE();
    int type = in.readUnsignedShortLE();
    int sequence = in.readUnsignedShortLE();
    int subtype = 0;
    if (type == META) {
      WireReader.require(in, 2, "15/02 meta subtype");
      subtype = in.readUnsignedShortLE();
    }
    return new IcqMetaRequest(uin, type, sequence, subtype, WireReader.readBytes(in, in.readableBytes(), "15/02 data"));
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  ByteBuf dataBuffer() {
    return Unpooled.wrappedBuffer(data);
  }

  /** A u16 LE length (NUL included) and the string; the NUL is dropped. */
  static String readString(ByteBuf in) {
    WireReader.require(in, 2, "meta string length");
    int length = in.readUnsignedShortLE();
    byte[] bytes = WireReader.readBytes(in, length, "meta string");
    int end = length > 0 && bytes[length - 1] == 0 ? length - 1 : length;
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return String.format("IcqMetaRequest[%04X/%04X seq %d]", type, subtype, sequence);
  }
}
