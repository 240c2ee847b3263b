package net.icqtransport.oscar.snac.icbm;

import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * SNAC(04,06) on channel 2 (iserverd snac_04_06_ch2): cookie u64, channel 2, screen name, TLV 0x05 rendezvous
 * block, then an empty TLV 0x03 when the server should acknowledge with SNAC(04,0C). ICQ clients send
 * auto-message requests this way.
 */
public record IcbmChannel2Send(long cookie, String screenName, IcbmRendezvous rendezvous, boolean requestAck) {

  public IcbmChannel2Send {
    Objects.requireNonNull(screenName, "screenName");
    Objects.requireNonNull(rendezvous, "rendezvous");
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.ICBM_SEND, requestId, out -> {
      IcbmHeader.write(out, cookie, 2, screenName);
      Tlv.ofBytes(0x05, rendezvous.toBytes()).writeTo(out);
      if (requestAck) {
        Tlv.empty(0x03).writeTo(out);
      }
    });
  }
}
