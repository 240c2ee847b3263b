package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;

/**
 * SNAC 04/0B (reference {@code snac_04_0b}, {@code snac_04_0b_ch2}): cookie u64, channel u16, screen name (u8
 * length), reason u16, then channel-specific data (the auto-message reply of channel 2, for one), which the
 * server passes on unread.
 */
record IcbmClientAck(byte[] cookie, int channel, String screenName, int reason, byte[] rest) {
  IcbmClientAck {
    cookie = cookie.clone();
    rest = rest.clone();
  }

  static IcbmClientAck parse(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    byte[] cookie = WireReader.readBytes(in, 8, "04/0B cookie");
    int channel = WireReader.readU16(in, "04/0B channel");
    String screenName = WireReader.readScreenName(in);
    int reason = WireReader.readU16(in, "04/0B reason");
    return new IcbmClientAck(cookie, channel, screenName, reason, WireReader.readBytes(in, in.readableBytes(), "04/0B data"));
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  @Override
  public byte[] rest() {
    return rest.clone();
  }

  IcbmClientAck withScreenName(String name) {
    return new IcbmClientAck(cookie, channel, name, reason, rest);
  }

  /** Leaves the data out. */
  @Override
  public String toString() {
    return "IcbmClientAck[channel " + channel + " for " + screenName + ", reason " + reason + "]";
  }
}
