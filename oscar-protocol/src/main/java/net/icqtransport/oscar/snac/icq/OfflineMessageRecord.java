package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.LittleEndianIo;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * The body of a SNAC(15,03) type 0x0041 chunk, one stored message (iserverd snac_15_03_0041), little-endian:
 * sender UIN u32, year u16, month, day, hour (GMT), minute u8 each, message type u8, flags u8, u16 length,
 * NUL-terminated text (no charset given, see {@link LegacyText}; fields of URL and authorization messages are
 * split by 0xFE as on channel 4).
 *
 * @param text the text bytes without the terminating NUL
 */
public record OfflineMessageRecord(
    long senderUin, int year, int month, int day, int hour, int minute, int type, int flags, byte[] text) {

  public OfflineMessageRecord {
    text = text.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  /** When it was sent, as UTC; empty when the server stored a date that does not exist. */
  public Optional<Instant> sentAt() {
    try {
      return Optional.of(LocalDateTime.of(year, month, day, hour, minute).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  public static OfflineMessageRecord decode(byte[] body) {
    ByteBuf in = Unpooled.wrappedBuffer(body);
    long sender = LittleEndianIo.readU32(in, "offline message sender");
    int year = LittleEndianIo.readU16(in, "offline message year");
    SnacIo.require(in, 6, "offline message date and type");
    int month = in.readUnsignedByte();
    int day = in.readUnsignedByte();
    int hour = in.readUnsignedByte();
    int minute = in.readUnsignedByte();
    int type = in.readUnsignedByte();
    int flags = in.readUnsignedByte();
    byte[] text = LegacyText.withoutTrailingNuls(LittleEndianIo.readU16Bytes(in, "offline message text"));
    return new OfflineMessageRecord(sender, year, month, day, hour, minute, type, flags, text);
  }

  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer(15 + text.length);
    out.writeIntLE((int) senderUin);
    out.writeShortLE(year);
    out.writeByte(month).writeByte(day).writeByte(hour).writeByte(minute);
    out.writeByte(type).writeByte(flags);
    out.writeShortLE(text.length + 1);
    out.writeBytes(text);
    out.writeByte(0);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfflineMessageRecord r && senderUin == r.senderUin && year == r.year && month == r.month
        && day == r.day && hour == r.hour && minute == r.minute && type == r.type && flags == r.flags
        && Arrays.equals(text, r.text);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new long[] {senderUin, year, month, day, hour, minute, type, flags, Arrays.hashCode(text)});
  }

  /** No text: it is private. */
  @Override
  public String toString() {
    return String.format("OfflineMessageRecord[from %d, type=0x%02X, %d bytes]", senderUin, type, text.length);
  }
}
