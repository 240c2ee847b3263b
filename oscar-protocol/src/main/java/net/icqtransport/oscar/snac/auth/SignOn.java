package net.icqtransport.oscar.snac.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.tlv.Tlv;

/** Channel-1 sign-on frames: the bare hello ({@code 00 00 00 01}) and the BOS cookie login (iserverd cli_cookie). */
public final class SignOn {
  public static final int PROTOCOL_VERSION = 0x00000001;

  private SignOn() {}

  /** {@code 00 00 00 01} alone: the server's greeting, and the client's answer before a SNAC login. */
  public static FlapFrame hello() {
    return FlapFrame.of(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1});
  }

  /** {@code 00 00 00 01} + TLV 0x06 cookie, sent to the BOS server. */
  public static FlapFrame cookie(byte[] cookie) {
    ByteBuf out = Unpooled.buffer(8 + cookie.length);
    out.writeInt(PROTOCOL_VERSION);
    Tlv.ofBytes(0x06, cookie).writeTo(out);
    return FlapFrame.of(FlapChannel.SIGNON, out.array());
  }
}
