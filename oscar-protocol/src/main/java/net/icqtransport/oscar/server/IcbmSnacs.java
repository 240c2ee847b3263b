package net.icqtransport.oscar.server;

import net.icqtransport.oscar.snac.Snac;

/** Server-sent family 0x04 SNACs beyond those of {@link ServerSnacs}. */
final class IcbmSnacs {
  private IcbmSnacs() {}

  /**
   * 04/0B (reference {@code snac_04_0b}): the client's ack or auto-message reply, passed on unchanged with the
   * sender's screen name in place of the recipient's.
   */
  static Snac clientAck(long requestId, IcbmClientAck ack) {
    return ServerSnacs.snac(0x04, 0x0B, requestId, out -> {
      out.writeBytes(ack.cookie());
      out.writeShort(ack.channel());
      UserInfoBlock.writeScreenName(out, ack.screenName());
      out.writeShort(ack.reason());
      out.writeBytes(ack.rest());
    });
  }

  /**
   * 04/17 (Open OSCAR Server's "offline retrieve reply"), empty, with the id of the client's 04/10: every
   * stored ICBM has been sent.
   */
  static Snac offlineRetrieveEnd(long requestId) {
    return ServerSnacs.snac(0x04, 0x17, requestId, out -> { });
  }
}
