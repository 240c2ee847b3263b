package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/** SNAC(04,0C): the server accepted a message sent with TLV 0x03; same cookie and request id as the send. */
public record IcbmServerAck(long requestId, long cookie, int channel, String screenName) {

  public static IcbmServerAck decode(Snac snac) {
    if (!snac.is(SnacType.ICBM_SERVER_ACK)) {
      throw new IllegalArgumentException("not SNAC(04,0C): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    SnacIo.require(in, 10, "ICBM ack");
    long cookie = in.readLong();
    int channel = in.readUnsignedShort();
    String name = SnacIo.readScreenName(in);
    return new IcbmServerAck(snac.requestId(), cookie, channel, name);
  }
}
