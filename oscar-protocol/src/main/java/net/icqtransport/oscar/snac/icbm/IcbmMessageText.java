package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * The text of a channel-1 message: fragment 0x0101 of TLV 0x02 (iserverd SNAC(04,06)/CH1), charset u16,
 * language u16, bytes. Charsets: 0x0000 ASCII, 0x0002 UTF-16BE, 0x0003 an 8-bit codepage (ISO-8859-1 for AIM
 * clients, the user's local codepage for old ICQ clients).
 *
 * <p>What to send is chosen per recipient, as AIM-era clients did: ASCII when the text is ASCII; for an AIM
 * contact whose client did not announce the unicode capability, ISO-8859-1 (0x0003) when every character has
 * one; UTF-16BE (0x0002) otherwise, which loses nothing and which every current client and server takes (see
 * {@link #of(String, boolean)}).
 */
public final class IcbmMessageText {
  public static final int CHARSET_ASCII = 0x0000;
  public static final int CHARSET_UNICODE = 0x0002;
  public static final int CHARSET_LOCAL = 0x0003;
  /** The language ICQ clients put next to ASCII text. */
  public static final int LANGUAGE_UNSPECIFIED = 0xFFFF;

  private static final int FRAGMENT_CAPABILITIES = 0x05;
  private static final int FRAGMENT_TEXT = 0x01;

  private final int charset;
  private final int language;
  private final byte[] bytes;

  public IcbmMessageText(int charset, int language, byte[] bytes) {
    this.charset = charset & 0xFFFF;
    this.language = language & 0xFFFF;
    this.bytes = bytes.clone();
  }

  /** ASCII when every char is below 0x80 (every client reads that), else UTF-16BE, which loses nothing. */
  public static IcbmMessageText of(String text) {
    return of(text, false);
  }

  /**
   * The text in the narrowest charset the recipient reads: ASCII (0x0000, language 0xFFFF as in the dumps) when
   * every char is below 0x80; with {@code latin1}, ISO-8859-1 (0x0003, language 0x0000) when every char is
   * printable Latin-1 ({@link #fitsLatin1}); else UTF-16BE (0x0002, language 0x0000). Never lossy: text that fits
   * no 8-bit charset goes as UTF-16BE even where {@code latin1} is allowed.
   *
   * @param latin1 whether the recipient is an AIM contact whose client did not announce the unicode capability,
   *     which AIM clients answer with ISO-8859-1 rather than UTF-16BE
   */
  public static IcbmMessageText of(String text, boolean latin1) {
    if (LegacyText.isAscii(text)) {
      return new IcbmMessageText(CHARSET_ASCII, LANGUAGE_UNSPECIFIED, text.getBytes(StandardCharsets.US_ASCII));
    }
    if (latin1 && fitsLatin1(text)) {
      return new IcbmMessageText(CHARSET_LOCAL, 0x0000, text.getBytes(StandardCharsets.ISO_8859_1));
    }
    return new IcbmMessageText(CHARSET_UNICODE, 0x0000, text.getBytes(StandardCharsets.UTF_16BE));
  }

  /**
   * Whether every char is ASCII or printable ISO-8859-1 (U+00A0-U+00FF). The C1 controls U+0080-U+009F are left
   * out: clients that read 0x0003 as windows-1252 would show them as other characters.
   */
  public static boolean fitsLatin1(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!isNarrowLatin1(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a char takes one byte in ISO-8859-1 as {@link #of(String, boolean)} sends it. */
  static boolean isNarrowLatin1(int c) {
    return c < 0x80 || (c >= 0xA0 && c <= 0xFF);
  }

  /** How many bytes {@link #of(String)} would produce for this text. */
  public static int encodedLength(CharSequence text) {
    return encodedLength(text, false);
  }

  /** How many bytes {@link #of(String, boolean)} would produce for this text. */
  public static int encodedLength(CharSequence text, boolean latin1) {
    boolean narrow = LegacyText.isAscii(text) || (latin1 && fitsLatin1(text));
    return narrow ? text.length() : 2 * text.length();
  }

  public int charset() {
    return charset;
  }

  public int language() {
    return language;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The text. ASCII that is not ASCII (bytes ≥ 0x80, as old clients send) and unknown charsets are read in
   * {@code legacyCodepage}; a trailing NUL some clients add is dropped.
   */
  public String decode(Charset legacyCodepage) {
    String text;
    switch (charset) {
      case CHARSET_UNICODE -> text = new String(bytes, StandardCharsets.UTF_16BE);
      case CHARSET_ASCII -> {
        boolean ascii = true;
        for (byte b : bytes) {
          ascii &= b >= 0;
        }
        text = new String(bytes, ascii ? StandardCharsets.US_ASCII : legacyCodepage);
      }
      default -> text = new String(bytes, legacyCodepage);
    }
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '\0') {
      end--;
    }
    return text.substring(0, end);
  }

  /** The value of TLV 0x02: capabilities fragment (0x05 0x01, "text") and the text fragment (0x01 0x01). */
  byte[] toMessageData() {
    ByteBuf out = Unpooled.buffer(12 + bytes.length);
    out.writeByte(FRAGMENT_CAPABILITIES).writeByte(0x01).writeShort(1).writeByte(0x01);
    out.writeByte(FRAGMENT_TEXT).writeByte(0x01).writeShort(4 + bytes.length);
    out.writeShort(charset).writeShort(language).writeBytes(bytes);
    byte[] data = new byte[out.readableBytes()];
    out.readBytes(data);
    return data;
  }

  /**
   * Reads the fragments of TLV 0x02. Several text fragments (multipart messages) are joined when they share
   * a charset; otherwise the first wins.
   */
  static IcbmMessageText fromMessageData(byte[] data) {
    ByteBuf in = Unpooled.wrappedBuffer(data);
    IcbmMessageText result = null;
    while (in.isReadable()) {
      int id = SnacIo.readU8(in, "ICBM fragment id");
      SnacIo.readU8(in, "ICBM fragment version");
      int length = SnacIo.readU16(in, "ICBM fragment length");
      ByteBuf fragment = Unpooled.wrappedBuffer(SnacIo.readBytes(in, length, "ICBM fragment"));
      if (id != FRAGMENT_TEXT) {
        continue;
      }
      int charset = SnacIo.readU16(fragment, "message charset");
      int language = SnacIo.readU16(fragment, "message language");
      byte[] text = SnacIo.readBytes(fragment, fragment.readableBytes(), "message text");
      if (result == null) {
        result = new IcbmMessageText(charset, language, text);
      } else if (result.charset == charset) {
        byte[] joined = Arrays.copyOf(result.bytes, result.bytes.length + text.length);
        System.arraycopy(text, 0, joined, result.bytes.length, text.length);
        result = new IcbmMessageText(charset, result.language, joined);
      }
    }
    if (result == null) {
      throw new OscarProtocolException("channel-1 message without a text fragment");
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcbmMessageText other
        && charset == other.charset && language == other.language && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * charset + language) + Arrays.hashCode(bytes);
  }

  /** No text: messages are private. */
  @Override
  public String toString() {
    return String.format("IcbmMessageText[charset=0x%04X, %d bytes]", charset, bytes.length);
  }
}
