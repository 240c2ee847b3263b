package net.icqtransport.oscar.server;

import java.time.Instant;
import java.util.Objects;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A channel-1 ICBM kept for a screen-name account that was offline, the AIM way (as Open OSCAR Server keeps them): the
 * 04/06 as sent (cookie, channel, TLVs without the requests to the server), who sent it and when. Delivered as
 * 04/07 with TLV 0x16 (that time) when the account asks with 04/10, then deleted. ICQ numbers keep theirs in the
 * family-0x15 form ({@link OfflineMessage}).
 */
record StoredIcbm(String sender, Instant sentAt, byte[] cookie, int channel, TlvChain tlvs) {
  StoredIcbm {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(tlvs, "tlvs");
    cookie = cookie.clone();
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  /** Leaves the message out. */
  @Override
  public String toString() {
    return "StoredIcbm[from " + sender + " at " + sentAt + ", channel " + channel + "]";
  }
}
