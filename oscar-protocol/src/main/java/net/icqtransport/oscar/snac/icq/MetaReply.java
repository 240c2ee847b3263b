package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(15,03), a META reply (iserverd {@code snac_15_03.txt}, {@code snac_15_03_07da.txt}): TLV 0x01 holding a
 * little-endian chunk: chunk size u16, owner UIN u32, reply type u16 (0x07DA META reply; 0x0041/0x0042 offline
 * messages), sequence u16; for 0x07DA then subtype u16 and status u8 (0x0A success) before the data.
 *
 * @param type 0x07DA for META replies
 * @param subtype the META subtype (0x00C8 basic info, 0x01AE last user found, …), -1 for other types
 * @param status the status byte of META replies ({@link #SUCCESS}), -1 for other types
 * @param data what follows the status byte (META) or the sequence (other types)
 * @param moreFollow SNAC flag 0x0001: more replies to this request follow
 */
public record MetaReply(long ownerUin, int type, int sequence, int subtype, int status, byte[] data,
    boolean moreFollow) {
  public static final int TYPE_META = 0x07DA;
  public static final int SUCCESS = 0x0A;

  public static final int ERROR = 0x0001;
  public static final int BASIC_INFO = 0x00C8;
  public static final int WORK_INFO = 0x00D2;
  public static final int MORE_INFO = 0x00DC;
  public static final int NOTES = 0x00E6;
  public static final int EMAILS = 0x00EB;
  public static final int INTERESTS = 0x00F0;
  public static final int AFFILIATIONS = 0x00FA;
  public static final int SHORT_INFO = 0x0104;
  public static final int HOMEPAGE_CATEGORY = 0x010E;
  public static final int USER_FOUND = 0x01A4;
  public static final int LAST_USER_FOUND = 0x01AE;

  public MetaReply {
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public boolean isMeta() {
    return type == TYPE_META;
  }

  public boolean isSuccess() {
    return status == SUCCESS;
  }

  public static MetaReply decode(Snac snac) {
    if (!snac.is(SnacType.ICQ_EXT_REPLY)) {
      throw new IllegalArgumentException("not SNAC(15,03): " + snac);
    }
    Tlv tlv = TlvChain.readChain(snac.dataBuffer()).find(0x0001)
        .orElseThrow(() -> new OscarProtocolException("SNAC(15,03) without TLV 0x01"));
    ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(tlv.value());
    int chunkSize = readU16Le(in, "META chunk size");
    if (chunkSize > in.readableBytes()) {
      throw new OscarProtocolException(
          "truncated META chunk: size " + chunkSize + ", " + in.readableBytes() + " bytes left");
    }
    ByteBuf chunk = in.readSlice(chunkSize);
    SnacIo.require(chunk, 8, "META chunk header");
    long owner = chunk.readUnsignedIntLE();
    int type = chunk.readUnsignedShortLE();
    int sequence = chunk.readUnsignedShortLE();
    int subtype = -1;
    int status = -1;
    if (type == TYPE_META) {
      SnacIo.require(chunk, 3, "META reply subtype and status");
      subtype = chunk.readUnsignedShortLE();
      status = chunk.readUnsignedByte();
    }
    byte[] data = new byte[chunk.readableBytes()];
    chunk.readBytes(data);
    return new MetaReply(owner, type, sequence, subtype, status, data,
        (snac.flags() & Snac.FLAG_MORE_REPLIES) != 0);
  }

  private static int readU16Le(ByteBuf in, String what) {
    SnacIo.require(in, 2, what);
    return in.readUnsignedShortLE();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetaReply other && ownerUin == other.ownerUin && type == other.type
        && sequence == other.sequence && subtype == other.subtype && status == other.status
        && moreFollow == other.moreFollow && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(ownerUin, type, sequence, subtype, status, moreFollow, Arrays.hashCode(data));
  }

  /** Header only: replies hold personal data. */
  @Override
  public String toString() {
    return String.format("MetaReply[%04X/%04X seq=%d status=%d, %d bytes%s]", type, subtype & 0xFFFF, sequence,
        status, data.length, moreFollow ? ", more" : "");
  }
}
