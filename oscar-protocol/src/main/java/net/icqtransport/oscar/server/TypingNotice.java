package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;

/** SNAC 04/14 (reference {@code snac_04_14}): cookie u64, channel u16, screen name, notification type u16. */
record TypingNotice(byte[] cookie, int channel, String screenName, int notificationType) {
  static TypingNotice parse(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    byte[] cookie = WireReader.readBytes(in, 8, "typing cookie");
    int channel = WireReader.readU16(in, "typing channel");
    String screenName = WireReader.readScreenName(in);
    int type = WireReader.readU16(in, "typing type");
    return new TypingNotice(cookie, channel, screenName, type);
  }
}
