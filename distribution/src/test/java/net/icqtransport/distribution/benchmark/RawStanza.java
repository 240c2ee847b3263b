package net.icqtransport.distribution.benchmark;

import java.util.Map;

/**
 * A top-level stanza as the benchmark's stand-ins need it: its element name, attributes, and the text of its
 * direct children by element name (body, show, status). Not a general XML model.
 */
record RawStanza(String name, Map<String, String> attributes, Map<String, String> children) {

  String attribute(String key) {
    return attributes.get(key);
  }

  String child(String element) {
    return children.get(element);
  }

  /** The text with the five XML special characters escaped, for attribute values and element text. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
