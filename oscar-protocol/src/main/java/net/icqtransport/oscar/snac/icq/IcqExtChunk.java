package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.LittleEndianIo;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The TLV 0x01 chunk of SNAC(15,02) requests and (15,03) replies (iserverd snac_15_02, snac_15_03), little-endian:
 * u16 length of the rest, u32 UIN, u16 type (0x003C offline messages, 0x003E delete them, 0x0041 one offline
 * message, 0x0042 end of them, 0x07D0 / 0x07DA meta), u16 sequence, then the type's body.
 */
public record IcqExtChunk(long uin, int type, int sequence, byte[] body) {
  public static final int OFFLINE_MESSAGES_REQUEST = 0x003C;
  public static final int OFFLINE_MESSAGES_DELETE = 0x003E;
  public static final int OFFLINE_MESSAGE = 0x0041;
  public static final int OFFLINE_MESSAGES_END = 0x0042;

  public IcqExtChunk {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** This chunk in a SNAC(15,02) request or, for servers and tests, a (15,03) reply with {@code flags}. */
  public Snac toSnac(SnacType type, int flags, long requestId) {
    ByteBuf chunk = Unpooled.buffer(10 + body.length);
    chunk.writeShortLE(8 + body.length);
    chunk.writeIntLE((int) uin);
    chunk.writeShortLE(this.type);
    chunk.writeShortLE(sequence);
    chunk.writeBytes(body);
    byte[] value = new byte[chunk.readableBytes()];
    chunk.readBytes(value);
    Snac plain = Snac.build(type, requestId, out -> Tlv.ofBytes(0x01, value).writeTo(out));
    return new Snac(plain.family(), plain.subtype(), flags, requestId, plain.data());
  }

  /** Reads the chunk of a SNAC(15,03) (or 15,02); {@link OscarProtocolException} when it is missing or short. */
  public static IcqExtChunk decode(Snac snac) {
    if (snac.family() != 0x15 || (snac.subtype() != 0x02 && snac.subtype() != 0x03)) {
      throw new IllegalArgumentException("not SNAC(15,02/03): " + snac);
    }
    byte[] value = TlvChain.readChain(snac.dataBuffer()).bytes(0x01)
        .orElseThrow(() -> new OscarProtocolException("SNAC(15," + snac.subtype() + ") without TLV 0x01"));
    ByteBuf in = Unpooled.wrappedBuffer(value);
    int length = LittleEndianIo.readU16(in, "ICQ chunk length");
    if (length > in.readableBytes()) {
      throw new OscarProtocolException("truncated ICQ chunk: length " + length + ", " + in.readableBytes() + " left");
    }
    ByteBuf chunk = in.readSlice(length);
    long uin = LittleEndianIo.readU32(chunk, "ICQ chunk UIN");
    int type = LittleEndianIo.readU16(chunk, "ICQ chunk type");
    int sequence = LittleEndianIo.readU16(chunk, "ICQ chunk sequence");
    byte[] body = new byte[chunk.readableBytes()];
    chunk.readBytes(body);
    return new IcqExtChunk(uin, type, sequence, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcqExtChunk c && uin == c.uin && type == c.type && sequence == c.sequence
        && Arrays.equals(body, c.body);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {uin, type, sequence, Arrays.hashCode(body)});
  }

  /** No body: it may hold message text. */
  @Override
  public String toString() {
    return String.format("IcqExtChunk[%d, type=0x%04X, seq=%d, %d bytes]", uin, type, sequence, body.length);
  }
}
