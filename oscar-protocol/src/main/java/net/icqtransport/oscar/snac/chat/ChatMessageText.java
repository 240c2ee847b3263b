package net.icqtransport.oscar.snac.chat;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The message information of a chat message, TLV 0x0005 of 0E/05 and 0E/06 (iserverd {@code snac_0e_05},
 * {@code snac_0e_06}): TLV 0x0002 the charset name, 0x0003 the language, 0x0001 the text (HTML, as AIM clients
 * write it), in the dumps' order. Sent as {@code us-ascii} when the text is ASCII, else as {@code unicode-2-0}
 * (UCS-2 big-endian), AIM's name for it. Received text is decoded by its charset name; without one, or with one
 * this side does not know, as text without a charset label is (OSCAR-SERVERS.md "Chat rooms": raw Latin-1 or
 * UCS-2 occur): UTF-8 when valid, else the legacy codepage.
 *
 * @param charset TLV 0x0002, or {@code null} when absent
 * @param language TLV 0x0003, or {@code null} when absent
 */
public record ChatMessageText(String charset, String language, byte[] text) {
  public static final int TLV_TEXT = 0x0001;
  public static final int TLV_CHARSET = 0x0002;
  public static final int TLV_LANGUAGE = 0x0003;
  public static final String ASCII = "us-ascii";
  public static final String UCS2 = "unicode-2-0";
  private static final Set<String> UCS2_NAMES =
      Set.of(UCS2, "unicode", "ucs-2", "ucs2", "utf-16", "utf-16be", "iso-10646-ucs-2");

  public ChatMessageText {
    text = text.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  /** {@code text} as this side sends it: ASCII as {@code us-ascii}, anything else as {@code unicode-2-0}. */
  public static ChatMessageText of(String text) {
    boolean ascii = LegacyText.isAscii(text);
    return new ChatMessageText(ascii ? ASCII : UCS2, "en",
        text.getBytes(ascii ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE));
  }

  /** How many bytes {@code text} takes as {@link #of} encodes it. */
  public static int encodedLength(String text) {
    return LegacyText.isAscii(text) ? text.length() : text.length() * 2;
  }

  /** The text, decoded by its charset name, or for none by {@code legacyCodepage} unless it is valid UTF-8. */
  public String decode(Charset legacyCodepage) {
    return decode(charset, text, legacyCodepage);
  }

  /**
   * Text labelled with a MIME charset name (also a full content type such as {@code text/x-aolrtf;
   * charset="unicode-2-0"}): {@code unicode-2-0}, {@code ucs-2} and the {@code utf-16} names as UTF-16BE,
   * {@code us-ascii} that holds 8-bit bytes, an unknown name, or none, as text without a label.
   */
  public static String decode(String charsetName, byte[] bytes, Charset legacyCodepage) {
    String name = charsetName == null ? "" : charsetName.toLowerCase(Locale.ROOT).strip();
    int parameter = name.indexOf("charset=");
    if (parameter >= 0) {
      name = name.substring(parameter + "charset=".length()).replace("\"", "").strip();
      int end = name.indexOf(';');
      name = end >= 0 ? name.substring(0, end).strip() : name;
    }
    if (UCS2_NAMES.contains(name)) {
      // An odd trailing byte (cut off) is dropped rather than failing; so are trailing NUL characters.
      String decoded = new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16BE);
      int end = decoded.length();
      while (end > 0 && decoded.charAt(end - 1) == 0) {
        end--;
      }
      return decoded.substring(0, end);
    }
    byte[] text = LegacyText.withoutTrailingNuls(bytes);
    return switch (name) {
      case "utf-8", "utf8" -> new String(text, StandardCharsets.UTF_8);
      case "iso-8859-1", "latin1", "latin-1" -> new String(text, StandardCharsets.ISO_8859_1);
      case "", "us-ascii", "ascii" -> LegacyText.decode(text, legacyCodepage);
      default -> knownCharset(name).map(charset -> new String(text, charset))
          .orElseGet(() -> LegacyText.decode(text, legacyCodepage));
    };
  }

  private static Optional<Charset> knownCharset(String name) {
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }

  /** The TLV chain of message information, in the dumps' order: charset, language, text. */
  public TlvChain toTlvs() {
    TlvChain tlvs = TlvChain.empty();
    if (charset != null) {
      tlvs = tlvs.with(Tlv.ofAscii(TLV_CHARSET, charset));
    }
    if (language != null) {
      tlvs = tlvs.with(Tlv.ofAscii(TLV_LANGUAGE, language));
    }
    return tlvs.with(Tlv.ofBytes(TLV_TEXT, text));
  }

  /** The message information of a TLV chain; empty when it holds no text TLV. */
  public static Optional<ChatMessageText> fromTlvs(TlvChain tlvs) {
    return tlvs.bytes(TLV_TEXT).map(text -> new ChatMessageText(tlvs.ascii(TLV_CHARSET).orElse(null),
        tlvs.ascii(TLV_LANGUAGE).orElse(null), text));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatMessageText other && Objects.equals(charset, other.charset)
        && Objects.equals(language, other.language) && Arrays.equals(text, other.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(charset, language, Arrays.hashCode(text));
  }

  /** Leaves the text out. */
  @Override
  public String toString() {
    return "ChatMessageText[" + charset + ", " + language + ", " + text.length + " bytes]";
  }
}
