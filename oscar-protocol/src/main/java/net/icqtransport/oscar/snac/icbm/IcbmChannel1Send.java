package net.icqtransport.oscar.snac.icbm;

import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * SNAC(04,06) on channel 1 (iserverd CLI_SEND_ICBM_CH1): cookie u64, channel 1, screen name, TLV 0x02 message
 * data, then empty TLV 0x03 (ask the server for a SNAC(04,0C) ack) and/or empty TLV 0x06 (store if offline).
 */
public record IcbmChannel1Send(
    long cookie, String screenName, IcbmMessageText text, boolean requestAck, boolean storeIfOffline) {

  public IcbmChannel1Send {
    Objects.requireNonNull(screenName, "screenName");
    Objects.requireNonNull(text, "text");
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.ICBM_SEND, requestId, out -> {
      IcbmHeader.write(out, cookie, 1, screenName);
      Tlv.ofBytes(0x02, text.toMessageData()).writeTo(out);
      if (requestAck) {
        Tlv.empty(0x03).writeTo(out);
      }
      if (storeIfOffline) {
        Tlv.empty(0x06).writeTo(out);
      }
    });
  }
}
