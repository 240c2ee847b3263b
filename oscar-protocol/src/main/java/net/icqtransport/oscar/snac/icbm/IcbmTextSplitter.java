package net.icqtransport.oscar.snac.icbm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text that does not fit one ICBM into several, each within a byte budget as {@link IcbmMessageText#of}
 * encodes it. Never splits a surrogate pair; prefers to break after whitespace in the second half of a part.
 */
public final class IcbmTextSplitter {
  private IcbmTextSplitter() {}

  /** Parts within {@code maxBytes} as {@link IcbmMessageText#of(String)} encodes them (ASCII or UTF-16BE). */
  public static List<String> split(String text, int maxBytes) {
    return split(text, maxBytes, false);
  }

  /**
   * Parts within {@code maxBytes} as {@link IcbmMessageText#of(String, boolean)} encodes them: with
   * {@code latin1}, a part of printable Latin-1 counts one byte per char; any other char makes its part UTF-16BE.
   */
  public static List<String> split(String text, int maxBytes, boolean latin1) {
    if (maxBytes < 4) {
      throw new IllegalArgumentException("maxBytes too small: " + maxBytes);
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = start;
      boolean wide = false;
      int lastBreak = -1;
      while (end < text.length()) {
        int cp = text.codePointAt(end);
        int next = end + Character.charCount(cp);
        boolean nextWide = wide || (latin1 ? !IcbmMessageText.isNarrowLatin1(cp) : cp >= 0x80);
        int bytes = (next - start) * (nextWide ? 2 : 1);
        if (bytes > maxBytes) {
          break;
        }
        wide = nextWide;
        end = next;
        if (Character.isWhitespace(cp)) {
          lastBreak = end;
        }
      }
      if (end < text.length() && lastBreak > start + (end - start) / 2) {
        end = lastBreak;
      }
      parts.add(text.substring(start, end));
      start = end;
    }
    return parts;
  }
}
