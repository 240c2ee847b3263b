package net.icqtransport.xmpp.stanza;

/**
 * Makes text from the legacy network safe for an XML stream. ICQ messages and status texts may contain
 * control characters that XML 1.0 forbids; one such character would make the server close the component
 * stream (not-well-formed), and the same stanza would break every new stream again.
 */
public final class XmlText {

  private XmlText() {}

  /** The text without characters outside XML 1.0's {@code Char} production; null stays null. */
  public static String sanitize(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int len = Character.charCount(cp);
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD
          || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD)
          || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok && out == null) {
        out = new StringBuilder(text.length());
        out.append(text, 0, i);
      } else if (ok && out != null) {
        out.appendCodePoint(cp);
      }
      i += len;
    }
    return out == null ? text : out.toString();
  }
}
