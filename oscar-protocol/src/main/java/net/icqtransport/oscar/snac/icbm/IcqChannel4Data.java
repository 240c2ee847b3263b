package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.LittleEndianIo;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * TLV 0x05 of a channel-4 ICBM, an old-style ICQ message (iserverd snac_04_06_ch4, snac_04_07_ch4), little-endian:
 * sender UIN u32, message type u8, flags u8, u16 length, NUL-terminated text whose fields are separated by 0xFE
 * (URL: description, URL; authorization request: nick, first, last, e-mail, flag, reason). Offline messages
 * (SNAC 15/03 type 0x0041) carry the same type, flags and text.
 *
 * @param text the text without its terminating NUL; no charset is given, see {@link LegacyText}
 */
public record IcqChannel4Data(long uin, int type, int flags, byte[] text) {

  public IcqChannel4Data {
    text = text.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  /** The text split at 0xFE, each field decoded as {@link LegacyText}. */
  public List<String> fields(Charset legacyCodepage) {
    return splitFields(text, legacyCodepage);
  }

  /** Splits ICQ text at the 0xFE separators and decodes each field as {@link LegacyText}. */
  public static List<String> splitFields(byte[] text, Charset legacyCodepage) {
    List<String> fields = new ArrayList<>();
    for (byte[] field : split(text)) {
      fields.add(LegacyText.decode(field, legacyCodepage));
    }
    return fields;
  }

  /** The byte fields between 0xFE separators (at least one, maybe empty). */
  public static List<byte[]> split(byte[] text) {
    List<byte[]> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length; i++) {
      if (i == text.length || text[i] == IcqMessageTypes.FIELD_SEPARATOR) {
        fields.add(Arrays.copyOfRange(text, start, i));
        start = i + 1;
      }
    }
    return fields;
  }

  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer(9 + text.length);
    out.writeIntLE((int) uin);
    out.writeByte(type);
    out.writeByte(flags);
    out.writeShortLE(text.length + 1);
    out.writeBytes(text);
    out.writeByte(0);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  public static IcqChannel4Data decode(byte[] value) {
    ByteBuf in = Unpooled.wrappedBuffer(value);
    long uin = LittleEndianIo.readU32(in, "channel-4 sender UIN");
    int type = SnacIo.readU8(in, "channel-4 message type");
    int flags = SnacIo.readU8(in, "channel-4 message flags");
    byte[] text = LegacyText.withoutTrailingNuls(LittleEndianIo.readU16Bytes(in, "channel-4 text"));
    return new IcqChannel4Data(uin, type, flags, text);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcqChannel4Data d && uin == d.uin && type == d.type && flags == d.flags
        && Arrays.equals(text, d.text);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {uin, type, flags, Arrays.hashCode(text)});
  }

  /** No text: it is private. */
  @Override
  public String toString() {
    return String.format("IcqChannel4Data[%d, type=0x%02X, %d bytes]", uin, type, text.length);
  }
}
