package net.icqtransport.oscar.server;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/** Server-sent family 0x02 SNACs beyond the rights reply of {@link ServerSnacs}. */
final class LocationSnacs {
  private LocationSnacs() {}

  /**
   * 02/06 (reference {@code snac_02_06}): the user-info block, then the requested TLVs. The reference's table
   * shows a u16 string length inside TLVs 0x01-0x04 but has no dump; the simulator returns each TLV's value
   * exactly as the user set it in 02/04, so what a client reads back is what its peer sent.
   */
  static Snac userInfo(long requestId, UserInfoBlock block, TlvChain requested) {
    return ServerSnacs.snac(0x02, 0x06, requestId, out -> {
      block.writeTo(out);
      requested.writeChain(out);
    });
  }
}
