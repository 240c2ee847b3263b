package net.icqtransport.oscar.snac;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that travels without a charset label (channel-4 and offline messages, SSI reasons, channel-2 text of
 * senders without the UTF-8 capability): UTF-8 when the bytes are valid UTF-8, else the configured legacy
 * codepage (OSCAR-ICQ.md, family 0x15). Trailing NULs (the asciiz terminator) are dropped.
 */
public final class LegacyText {
  private LegacyText() {}

  /** UTF-8 when valid (plain ASCII is), else {@code legacyCodepage}. */
  public static String decode(byte[] bytes, Charset legacyCodepage) {
    byte[] text = withoutTrailingNuls(bytes);
    return isValidUtf8(text) ? new String(text, StandardCharsets.UTF_8) : new String(text, legacyCodepage);
  }

  /** Decodes with a known charset, dropping trailing NULs. */
  public static String decode(byte[] bytes, Charset charset, boolean known) {
    return known ? new String(withoutTrailingNuls(bytes), charset) : decode(bytes, charset);
  }

  public static boolean isValidUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  public static boolean isAscii(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** {@code bytes} without the NULs at its end. */
  public static byte[] withoutTrailingNuls(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
  }
}
