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
 * An answer to an authorization request: SNAC(13,1A) sent by the client, SNAC(13,1B) received from the server
 * (iserverd snac_13_1a / snac_13_1b): screen name (u8 length), u8 flag (1 granted, 0 denied), reason (u16
 * length). The reason is written as UTF-8 and read as {@link LegacyText}.
 */
public record SsiAuthReply(String screenName, boolean granted, String reason) {

  public SsiAuthReply {
    Objects.requireNonNull(screenName, "screenName");
    reason = reason == null ? "" : reason;
  }

  /** {@code type} is {@link SnacType#SSI_AUTH_REPLY} (or, for a server, {@link SnacType#SSI_AUTH_REPLY_RECEIVED}). */
  public Snac toSnac(SnacType type, long requestId) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, 0xFFFF);
    return Snac.build(type, requestId, out -> {
      SnacIo.writeScreenName(out, screenName);
      out.writeByte(granted ? 1 : 0);
      out.writeShort(length);
      out.writeBytes(text, 0, length);
    });
  }

  public static SsiAuthReply decode(Snac snac, Charset legacyCodepage) {
    if (!snac.is(SnacType.SSI_AUTH_REPLY_RECEIVED) && !snac.is(SnacType.SSI_AUTH_REPLY)) {
      throw new IllegalArgumentException("not SNAC(13,1B/1A): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    String name = SnacIo.readScreenName(in);
    boolean granted = SnacIo.readU8(in, "authorization flag") != 0;
    String reason = "";
    if (in.isReadable()) {
      int length = SnacIo.readU16(in, "authorization reason length");
      reason = LegacyText.decode(SnacIo.readBytes(in, length, "authorization reason"), legacyCodepage);
    }
    return new SsiAuthReply(name, granted, reason);
  }

  /** No reason text: it is private. */
  @Override
  public String toString() {
    return "SsiAuthReply[" + screenName + ", " + (granted ? "granted" : "denied") + "]";
  }
}
