package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A client's channel-1 frame: u32 FLAP version (1), then a TLV chain. Empty for the hello before an MD5
 * login; TLVs 0x01 + 0x02 for a legacy login (reference {@code cli_ident}); TLV 0x06 for the BOS cookie
 * (reference {@code cli_cookie}). Newer clients add TLV 0x004A (multi-connection flag) to their login; a login
 * without it is an old client's (OSCAR-SERVERS.md, "Sign-on and kicks").
 */
record SignOnFrame(long version, TlvChain tlvs) {
  static final int TLV_SCREEN_NAME = 0x01;
  static final int TLV_ROASTED_PASSWORD = 0x02;
  static final int TLV_COOKIE = 0x06;
  /** Multi-connection flag (u8, 1 = supports several sessions), on channel 1 and in 17/02. */
  static final int TLV_MULTI_CONNECTION = 0x4A;

  static SignOnFrame parse(FlapFrame frame) {
    if (frame.channel() != FlapChannel.SIGNON) {
      throw new OscarProtocolException("not a sign-on frame: " + frame.channel());
    }
    ByteBuf in = Unpooled.wrappedBuffer(frame.payload());
    long version = WireReader.readU32(in, "FLAP version");
    if (version != 1) {
      throw new OscarProtocolException("unsupported FLAP version " + version);
    }
    return new SignOnFrame(version, TlvChain.readChain(in));
  }

  boolean isLegacyLogin() {
    return tlvs.contains(TLV_SCREEN_NAME) && tlvs.contains(TLV_ROASTED_PASSWORD);
  }

  /** Whether the client sent TLV 0x004A; a legacy login without it is an old client's. */
  boolean multiConnection() {
    return tlvs.contains(TLV_MULTI_CONNECTION);
  }
}
