package net.icqtransport.xmpp.address;

import java.util.Locale;
import java.util.Map;

/**
 * JID escaping (XEP-0106 §4) for legacy names that nodeprep forbids, e.g. an AIM-style screen name
 * {@code Foo Bar} ⇄ local part {@code foo\20bar} (nodeprep then lower-cases it). UINs are digits and pass
 * through unchanged.
 *
 * <p>Written here rather than using Tinder's {@code JID.escapeNode}, which turns every whitespace character
 * (tabs, newlines) into {@code \20} and so cannot be reversed, and accepts leading and trailing spaces that
 * XEP-0106 §4.1 forbids.
 */
public final class JidEscaping {

  /** The ten characters of XEP-0106 §4.2 and their escape sequences (lower-case hex). */
  private static final Map<Character, String> ESCAPES = Map.of(
      ' ', "\\20", '"', "\\22", '&', "\\26", '\'', "\\27", '/', "\\2f",
      ':', "\\3a", '<', "\\3c", '>', "\\3e", '@', "\\40", '\\', "\\5c");

  private static final Map<String, Character> UNESCAPES = Map.of(
      "20", ' ', "22", '"', "26", '&', "27", '\'', "2f", '/',
      "3a", ':', "3c", '<', "3e", '>', "40", '@', "5c", '\\');

  private JidEscaping() {}

  /**
   * Escapes a legacy name for use as a JID's local part (XEP-0106 §4.2). A backslash is escaped only where
   * it would otherwise read as the start of an escape sequence, as §4.2 requires.
   *
   * @throws IllegalArgumentException for an empty name or one that starts or ends with a space (§4.1)
   */
  public static String escapeNode(String name) {
    if (name.isEmpty() || name.startsWith(" ") || name.endsWith(" ")) {
      throw new IllegalArgumentException("cannot escape '" + name + "': empty, or starts or ends with a space");
    }
    int first = 0;
    while (first < name.length() && escapeAt(name, first) == null) {
      first++;
    }
    if (first == name.length()) {
      return name; // an ICQ number, and most screen names: nothing to escape (runs for every relayed message)
    }
    StringBuilder out = new StringBuilder(name.length() + 8).append(name, 0, first);
    for (int i = first; i < name.length(); i++) {
      String escape = escapeAt(name, i);
      if (escape == null) {
        out.append(name.charAt(i));
      } else {
        out.append(escape);
      }
    }
    return out.toString();
  }

  /** The escape sequence for the character at {@code i}, or null if it stays (a backslash that starts none). */
  private static String escapeAt(String name, int i) {
    char c = name.charAt(i);
    return c == '\\' && !startsEscapeSequence(name, i) ? null : ESCAPES.get(c);
  }

  /**
   * Turns a JID's local part back into the legacy name (XEP-0106 §4.3): only the ten sequences are decoded,
   * any other backslash stays as it is.
   *
   * @throws IllegalArgumentException when the result starts or ends with a space (§4.1 forbids such JIDs)
   */
  public static String unescapeNode(String node) {
    if (node.indexOf('\\') < 0) {
      return node; // no escape sequence: an ICQ number, and most screen names
    }
    StringBuilder out = new StringBuilder(node.length());
    for (int i = 0; i < node.length(); i++) {
      char c = node.charAt(i);
      if (startsEscapeSequence(node, i)) {
        out.append(UNESCAPES.get(node.substring(i + 1, i + 3).toLowerCase(Locale.ROOT)));
        i += 2;
      } else {
        out.append(c);
      }
    }
    String name = out.toString();
    if (node.startsWith("\\20") || node.endsWith("\\20")) {
      throw new IllegalArgumentException("'" + node + "' starts or ends with an escaped space");
    }
    return name;
  }

  private static boolean startsEscapeSequence(String text, int i) {
    return text.charAt(i) == '\\'
        && i + 3 <= text.length()
        && UNESCAPES.containsKey(text.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
  }
}
