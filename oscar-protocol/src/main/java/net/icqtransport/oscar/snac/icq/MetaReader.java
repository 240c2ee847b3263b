package net.icqtransport.oscar.snac.icq;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.icqtransport.oscar.OscarProtocolException;

/**
 * Bounds-checked little-endian reads of a META chunk (iserverd {@code snac_15_03.txt}): u8, u16, u32 and the
 * strings of family 0x15, a u16 length counting a terminating NUL, then the bytes. Strings carry no charset:
 * they are UTF-8 when valid as such, else the legacy codepage. Every short read is an
 * {@link OscarProtocolException} naming the field, never an index exception.
 */
public final class MetaReader {
  private final ByteBuf in;
  private final Charset legacyCodepage;
  private final String context;

  public MetaReader(byte[] data, Charset legacyCodepage, String context) {
    this.in = Unpooled.wrappedBuffer(data);
    this.legacyCodepage = legacyCodepage;
    this.context = context;
  }

  private void require(int bytes, String what) {
    if (in.readableBytes() < bytes) {
      throw new OscarProtocolException(String.format("truncated %s in %s: need %d bytes, %d left", what, context,
          bytes, in.readableBytes()));
    }
  }

  public int u8(String what) {
    require(1, what);
    return in.readUnsignedByte();
  }

  public int u16(String what) {
    require(2, what);
    return in.readUnsignedShortLE();
  }

  public long u32(String what) {
    require(4, what);
    return in.readUnsignedIntLE();
  }

  public byte[] bytes(int length, String what) {
    require(length, what);
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  /** A u16-LE-length-prefixed, NUL-terminated string; "" for length 0 or 1. */
  public String string(String what) {
    int length = u16(what + " length");
    return decode(bytes(length, what), legacyCodepage);
  }

  public boolean isReadable() {
    return in.isReadable();
  }

  public int remaining() {
    return in.readableBytes();
  }

  /** Text bytes of family 0x15 (trailing NULs dropped): UTF-8 when valid, else {@code legacyCodepage}. */
  public static String decode(byte[] bytes, Charset legacyCodepage) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    ByteBuffer text = ByteBuffer.wrap(bytes, 0, end);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(text)
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, 0, end, legacyCodepage);
    }
  }
}
