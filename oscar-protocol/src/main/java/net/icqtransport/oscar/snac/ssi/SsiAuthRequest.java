package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * An authorization request: SNAC(13,18) sent by the client, SNAC(13,19) received from the server (iserverd
 * snac_13_18 / snac_13_19), and the same layout for SNAC(13,14) "future authorization grant": screen name
 * (u8 length), reason (u16 length), u16 0. The reason is written as UTF-8 and read as {@link LegacyText}.
 */
public record SsiAuthRequest(String screenName, String reason) {

  public SsiAuthRequest {
    Objects.requireNonNull(screenName, "screenName");
    reason = reason == null ? "" : reason;
  }

  /** {@code type} is {@link SnacType#SSI_AUTH_REQUEST}, {@link SnacType#SSI_FUTURE_AUTH_GRANT} (or the received form). */
  public Snac toSnac(SnacType type, long requestId) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    return Snac.build(type, requestId, out -> {
      SnacIo.writeScreenName(out, screenName);
      out.writeShort(Math.min(text.length, 0xFFFF));
      out.writeBytes(text, 0, Math.min(text.length, 0xFFFF));
      out.writeShort(0);
    });
  }

  /** Reads 13/19 (or 13/18, 13/14); the trailing u16 is optional. */
  public static SsiAuthRequest decode(Snac snac, Charset legacyCodepage) {
    if (!snac.is(SnacType.SSI_AUTH_REQUEST_RECEIVED) && !snac.is(SnacType.SSI_AUTH_REQUEST)
        && !snac.is(SnacType.SSI_FUTURE_AUTH_GRANT)) {
      throw new IllegalArgumentException("not SNAC(13,19/18/14): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    String name = SnacIo.readScreenName(in);
    String reason = "";
    if (in.isReadable()) {
      int length = SnacIo.readU16(in, "authorization reason length");
      reason = LegacyText.decode(SnacIo.readBytes(in, length, "authorization reason"), legacyCodepage);
    }
    return new SsiAuthRequest(name, reason);
  }

  /** No reason text: it is private. */
  @Override
  public String toString() {
    return "SsiAuthRequest[" + screenName + ", " + reason.length() + " chars]";
  }
}
