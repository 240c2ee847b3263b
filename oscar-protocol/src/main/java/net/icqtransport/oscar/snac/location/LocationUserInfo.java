package net.icqtransport.oscar.snac.location;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(02,06), the answer to 02/05 and 02/15 (iserverd {@code snac_02_06}): the user-info block (the fixed part:
 * class, status, idle time, times), then a TLV chain with the parts that were asked for: 0x01 profile MIME type,
 * 0x02 profile, 0x03 away message MIME type, 0x04 away message, 0x05 capabilities.
 *
 * <p>The texts are AOL's HTML subset; their MIME type names the charset ({@code text/aolrtf; charset="us-ascii"},
 * {@code "utf-8"}, {@code "iso-8859-1"}, {@code "unicode-2-0"} for UTF-16BE). The reference's table shows a u16
 * length inside these TLVs but has no dump; servers send the bytes as the owner's client set them, which is how
 * they are read here.
 *
 * @param user the user-info block (the screen name as its owner formats it)
 * @param tlvs the requested parts
 */
public record LocationUserInfo(UserInfo user, TlvChain tlvs) {
  public static final int TLV_PROFILE_MIME = 0x01;
  public static final int TLV_PROFILE = 0x02;
  public static final int TLV_AWAY_MIME = 0x03;
  public static final int TLV_AWAY_MESSAGE = 0x04;
  public static final int TLV_CAPABILITIES = 0x05;

  public LocationUserInfo {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(tlvs, "tlvs");
  }

  public static LocationUserInfo decode(Snac snac) {
    if (!snac.is(SnacType.LOCATION_INFO)) {
      throw new IllegalArgumentException("not SNAC(02,06): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    UserInfo user = UserInfo.read(in);
    return new LocationUserInfo(user, TlvChain.readChain(in));
  }

  /** The profile (TLV 0x02), as HTML in the charset of TLV 0x01; empty when absent or blank. */
  public Optional<String> profile() {
    return text(TLV_PROFILE_MIME, TLV_PROFILE);
  }

  /** The away message (TLV 0x04), as HTML in the charset of TLV 0x03; empty when absent or blank (not away). */
  public Optional<String> awayMessage() {
    return text(TLV_AWAY_MIME, TLV_AWAY_MESSAGE);
  }

  private Optional<String> text(int mimeType, int textType) {
    return tlvs.bytes(textType)
        .map(bytes -> decode(tlvs.ascii(mimeType).orElse(""), bytes))
        .filter(text -> !text.isBlank());
  }

  /**
   * The text of a profile or away message by the charset its MIME type names. UTF-8 is read as UTF-8 when valid;
   * "us-ascii" (or no charset) as UTF-8 when valid, else Latin-1, since clients label 8-bit text that way too.
   */
  public static String decode(String mimeType, byte[] bytes) {
    return charsetOf(mimeType)
        .map(charset -> LegacyText.decode(bytes, charset, true))
        .orElseGet(() -> LegacyText.decode(bytes, StandardCharsets.ISO_8859_1));
  }

  /** The charset a MIME type names, unless it is UTF-8, US-ASCII, absent or unknown (then: UTF-8 if valid). */
  static Optional<Charset> charsetOf(String mimeType) {
    String lower = mimeType.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("charset=");
    if (at < 0) {
      return Optional.empty();
    }
    String name = lower.substring(at + "charset=".length()).strip();
    int end = name.indexOf(';');
    name = (end >= 0 ? name.substring(0, end) : name).replace("\"", "").replace("'", "").strip();
    switch (name) {
      case "unicode-2-0" -> {
        return Optional.of(StandardCharsets.UTF_16BE);
      }
      case "", "us-ascii", "utf-8", "utf8" -> {
        return Optional.empty();
      }
      default -> {
        try {
          return Optional.of(Charset.forName(name));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
  }
}
