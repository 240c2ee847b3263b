package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.function.Consumer;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(15,02)/07D0, a META request (iserverd {@code snac_15_02.txt}, {@code snac_15_02_07d0.txt}): TLV 0x01 holding
 * a little-endian chunk: chunk size u16 (the TLV length − 2), owner UIN u32, request type 0x07D0 u16, sequence
 * u16, request subtype u16, then the subtype's data. The server answers in SNAC(15,03) with the same sequence.
 *
 * @param ownerUin the requesting user's own UIN
 * @param sequence this side's request counter, echoed by the server's replies
 * @param subtype what is asked: 0x04D0 full info, 0x04BA short info, 0x0569 search by UIN, …
 * @param data the subtype's data, little-endian
 */
public record MetaRequest(long ownerUin, int sequence, int subtype, byte[] data) {
  public static final int TYPE_META = 0x07D0;
  public static final int FULL_INFO = 0x04B2;
  public static final int SHORT_INFO = 0x04BA;
  public static final int FULL_INFO_2 = 0x04D0;
  public static final int SEARCH_BY_DETAILS = 0x0515;
  public static final int WHITE_PAGES_TLV = 0x055F;
  public static final int SEARCH_BY_UIN_TLV = 0x0569;
  public static final int SEARCH_BY_EMAIL_TLV = 0x0573;

  /** META TLVs of the TLV-based searches (iserverd {@code snac_15_xx_tlvs.txt}). */
  public static final int TLV_UIN = 0x0136;
  public static final int TLV_FIRST_NAME = 0x0140;
  public static final int TLV_LAST_NAME = 0x014A;
  public static final int TLV_NICKNAME = 0x0154;
  public static final int TLV_EMAIL = 0x015E;
  public static final int TLV_ONLINE_ONLY = 0x0230;

  public MetaRequest {
    Objects.requireNonNull(data, "data");
    data = data.clone();
    if (ownerUin < 0 || ownerUin > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("UIN out of range: " + ownerUin);
    }
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** SNAC(15,02)/07D0/04D0 (iserverd {@code snac_15_02_07d0_04d0.txt}): every info reply for {@code uin}. */
  public static MetaRequest fullInfo(long ownerUin, int sequence, long uin) {
    return new MetaRequest(ownerUin, sequence, FULL_INFO_2, body(out -> out.writeIntLE((int) uin)));
  }

  /** SNAC(15,02)/07D0/04B2 (iserverd {@code snac_15_02_07d0_04b2.txt}), the older full-info request. */
  public static MetaRequest fullInfoClassic(long ownerUin, int sequence, long uin) {
    return new MetaRequest(ownerUin, sequence, FULL_INFO, body(out -> out.writeIntLE((int) uin)));
  }

  /** SNAC(15,02)/07D0/04BA (iserverd {@code snac_15_02_07d0_04ba.txt}): nickname, names, e-mail, auth flag. */
  public static MetaRequest shortInfo(long ownerUin, int sequence, long uin) {
    return new MetaRequest(ownerUin, sequence, SHORT_INFO, body(out -> out.writeIntLE((int) uin)));
  }

  /** SNAC(15,02)/07D0/0569 (iserverd {@code snac_15_02_07d0_0569.txt}): META TLV 0x0136, the UIN u32. */
  public static MetaRequest searchByUin(long ownerUin, int sequence, long uin) {
    return new MetaRequest(ownerUin, sequence, SEARCH_BY_UIN_TLV, body(out -> {
      out.writeShortLE(TLV_UIN);
      out.writeShortLE(4);
      out.writeIntLE((int) uin);
    }));
  }

  /** SNAC(15,02)/07D0/0573 (iserverd {@code snac_15_02_07d0_0573.txt}): META TLV 0x015E, the address. */
  public static MetaRequest searchByEmail(long ownerUin, int sequence, String email, Charset codepage) {
    return new MetaRequest(ownerUin, sequence, SEARCH_BY_EMAIL_TLV,
        body(out -> MetaWriter.writeStringTlv(out, TLV_EMAIL, email, codepage)));
  }

  /**
   * SNAC(15,02)/07D0/055F (iserverd {@code snac_15_02_07d0_055f.txt}): the TLV-based white pages, with only the
   * fields given ({@code null} or blank ones are left out) and TLV 0x0230 when only online users are wanted.
   */
  public static MetaRequest whitePages(long ownerUin, int sequence, String firstName, String lastName,
      String nickname, String email, boolean onlineOnly, Charset codepage) {
    return new MetaRequest(ownerUin, sequence, WHITE_PAGES_TLV, body(out -> {
      writeIfSet(out, TLV_FIRST_NAME, firstName, codepage);
      writeIfSet(out, TLV_LAST_NAME, lastName, codepage);
      writeIfSet(out, TLV_NICKNAME, nickname, codepage);
      writeIfSet(out, TLV_EMAIL, email, codepage);
      if (onlineOnly) {
        out.writeShortLE(TLV_ONLINE_ONLY);
        out.writeShortLE(1);
        out.writeByte(1);
      }
    }));
  }

  /**
   * SNAC(15,02)/07D0/0515 (iserverd {@code snac_15_02_07d0_0515.txt}): the plain search by details, first name,
   * last name and nickname as sstrings ("" for any).
   */
  public static MetaRequest searchByDetails(long ownerUin, int sequence, String firstName, String lastName,
      String nickname, Charset codepage) {
    return new MetaRequest(ownerUin, sequence, SEARCH_BY_DETAILS, body(out -> {
      MetaWriter.writeString(out, firstName == null ? "" : firstName, codepage);
      MetaWriter.writeString(out, lastName == null ? "" : lastName, codepage);
      MetaWriter.writeString(out, nickname == null ? "" : nickname, codepage);
    }));
  }

  private static void writeIfSet(ByteBuf out, int type, String text, Charset codepage) {
    if (text != null && !text.isBlank()) {
      MetaWriter.writeStringTlv(out, type, text.strip(), codepage);
    }
  }

  private static byte[] body(Consumer<ByteBuf> writer) {
    ByteBuf out = Unpooled.buffer();
    writer.accept(out);
    return ByteBufUtil.getBytes(out);
  }

  /** The SNAC(15,02) carrying this request. */
  public Snac toSnac(long requestId) {
    int chunkSize = 4 + 2 + 2 + 2 + data.length;
    if (chunkSize > 0xFFFF - 2) {
      throw new IllegalArgumentException("META request too long: " + chunkSize);
    }
    return Snac.build(SnacType.ICQ_EXT_REQUEST, requestId, out -> {
      out.writeShort(0x0001);
      out.writeShort(chunkSize + 2);
      out.writeShortLE(chunkSize);
      out.writeIntLE((int) ownerUin);
      out.writeShortLE(TYPE_META);
      out.writeShortLE(sequence);
      out.writeShortLE(subtype);
      out.writeBytes(data);
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MetaRequest other && ownerUin == other.ownerUin && sequence == other.sequence
        && subtype == other.subtype && java.util.Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ownerUin, sequence, subtype, java.util.Arrays.hashCode(data));
  }

  /** Header only: search strings are personal data. */
  @Override
  public String toString() {
    return String.format("MetaRequest[07D0/%04X seq=%d, %d bytes]", subtype, sequence, data.length);
  }
}
