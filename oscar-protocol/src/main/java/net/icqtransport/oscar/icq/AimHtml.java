package net.icqtransport.oscar.icq;

import java.util.Locale;
import java.util.Map;

/**
 * AIM message bodies are HTML (OSCAR-SERVERS.md "Contacts and presence"): AIM clients send
 * {@code <HTML><BODY BGCOLOR="#ffffff"><FONT FACE="Arial" SIZE=2>text</FONT></BODY></HTML>}, with entities,
 * {@code <BR>} for line breaks and {@code <A HREF=...>} links, and show what they receive as HTML. ICQ (UIN)
 * contacts send and expect plain text and do not pass through here.
 *
 * <p>{@link #toPlainText} is lenient, as the bodies come from any client: tags it does not know are dropped,
 * an unknown entity and a {@code <} that starts no tag stay as they are, nothing throws.
 */
public final class AimHtml {
  private static final Map<String, String> NAMED_ENTITIES = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("copy", "©"), Map.entry("reg", "®"),
      Map.entry("trade", "™"), Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("yen", "¥"),
      Map.entry("cent", "¢"), Map.entry("sect", "§"), Map.entry("deg", "°"), Map.entry("laquo", "«"),
      Map.entry("raquo", "»"), Map.entry("hellip", "…"), Map.entry("ndash", "–"), Map.entry("mdash", "—"),
      Map.entry("auml", "ä"), Map.entry("ouml", "ö"), Map.entry("uuml", "ü"), Map.entry("Auml", "Ä"),
      Map.entry("Ouml", "Ö"), Map.entry("Uuml", "Ü"), Map.entry("szlig", "ß"), Map.entry("eacute", "é"),
      Map.entry("egrave", "è"), Map.entry("agrave", "à"), Map.entry("ccedil", "ç"));

  private AimHtml() {}

  /**
   * The text an AIM user sees: tags dropped, {@code <BR>} and {@code </P>} as line breaks, a link as
   * {@code text (url)} (just the text when it is the url), entities (named, {@code &#228;}, {@code &#xE4;})
   * decoded. Raw line breaks in the source are kept.
   */
  public static String toPlainText(String html) {
    StringBuilder out = new StringBuilder(html.length());
    String href = null;
    int linkTextStart = -1;
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = tagEnd(html, i);
        if (end < 0) {
          out.append(c);
          i++;
          continue;
        }
        String tag = html.substring(i + 1, end);
        String name = tagName(tag);
        switch (name) {
          case "br" -> out.append('\n');
          case "/p", "/div" -> {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
              out.append('\n');
            }
          }
          case "a" -> {
            href = attribute(tag, "href");
            linkTextStart = out.length();
          }
          case "/a" -> {
            if (href != null && !href.isBlank()) {
              String text = out.substring(linkTextStart).strip();
              String url = decodeEntities(href.strip());
              if (text.isEmpty()) {
                out.append(url);
              } else if (!text.equals(url) && !("mailto:" + text).equals(url) && !("http://" + text).equals(url)) {
                out.append(" (").append(url).append(')');
              }
            }
            href = null;
          }
          default -> { }
        }
        i = end + 1;
      } else if (c == '&') {
        int semicolon = html.indexOf(';', i);
        String decoded = semicolon > i && semicolon - i <= 10 ? entity(html.substring(i + 1, semicolon)) : null;
        if (decoded == null) {
          out.append(c);
          i++;
        } else {
          out.append(decoded);
          i = semicolon + 1;
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString().strip();
  }

  /**
   * A Jabber user's plain text as an AIM client must receive it to show it unchanged: {@code &}, {@code <},
   * {@code >} and {@code "} as entities, line breaks as {@code <BR>} (a raw line break is only white space in
   * HTML).
   */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\r' -> {
          if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
            i++;
          }
          out.append("<BR>");
        }
        case '\n' -> out.append("<BR>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** The index of the {@code >} closing a tag that starts at {@code start}, or -1 when no tag starts there. */
  private static int tagEnd(String html, int start) {
    if (start + 1 >= html.length()) {
      return -1;
    }
    char first = html.charAt(start + 1);
    boolean tagLike = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '/'
        || first == '!' || first == '?';
    if (!tagLike) {
      return -1;
    }
    char quote = 0;
    for (int i = start + 1; i < html.length(); i++) {
      char c = html.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        return i;
      } else if (c == '<') {
        return -1;
      }
    }
    return -1;
  }

  /** {@code "FONT FACE=..."} → {@code "font"}, {@code "/A"} → {@code "/a"}, {@code "BR/"} → {@code "br"}. */
  private static String tagName(String tag) {
    int end = 0;
    while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && (end == 0 || tag.charAt(end) != '/')) {
      end++;
    }
    return tag.substring(0, end).toLowerCase(Locale.ROOT);
  }

  /** The value of an attribute, quoted or not, or null. */
  private static String attribute(String tag, String name) {
    String lower = tag.toLowerCase(Locale.ROOT);
    int at = 0;
    while ((at = lower.indexOf(name, at)) >= 0) {
      int after = at + name.length();
      boolean startsWord = at > 0 && Character.isWhitespace(lower.charAt(at - 1));
      int eq = after;
      while (eq < tag.length() && Character.isWhitespace(tag.charAt(eq))) {
        eq++;
      }
      if (startsWord && eq < tag.length() && tag.charAt(eq) == '=') {
        int value = eq + 1;
        while (value < tag.length() && Character.isWhitespace(tag.charAt(value))) {
          value++;
        }
        if (value >= tag.length()) {
          return "";
        }
        char quote = tag.charAt(value);
        if (quote == '"' || quote == '\'') {
          int close = tag.indexOf(quote, value + 1);
          return tag.substring(value + 1, close < 0 ? tag.length() : close);
        }
        int close = value;
        while (close < tag.length() && !Character.isWhitespace(tag.charAt(close))) {
          close++;
        }
        return tag.substring(value, close);
      }
      at = after;
    }
    return null;
  }

  private static String decodeEntities(String text) {
    return text.indexOf('&') < 0 ? text : toPlainTextEntitiesOnly(text);
  }

  private static String toPlainTextEntitiesOnly(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int semicolon = c == '&' ? text.indexOf(';', i) : -1;
      String decoded = semicolon > i && semicolon - i <= 10 ? entity(text.substring(i + 1, semicolon)) : null;
      if (decoded == null) {
        out.append(c);
        i++;
      } else {
        out.append(decoded);
        i = semicolon + 1;
      }
    }
    return out.toString();
  }

  /** {@code amp} → "&", {@code #228} / {@code #xE4} → "ä"; null when it is no entity. */
  private static String entity(String name) {
    if (name.startsWith("#")) {
      try {
        int codePoint = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
            ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
        return Character.isValidCodePoint(codePoint) && codePoint != 0
            && (codePoint < 0xD800 || codePoint > 0xDFFF) ? new String(Character.toChars(codePoint)) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    String named = NAMED_ENTITIES.get(name);
    return named != null ? named : NAMED_ENTITIES.get(name.toLowerCase(Locale.ROOT));
  }
}
