package net.icqtransport.oscar.snac.service;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/** SNAC(01,1E): sets the own ICQ status, TLV 0x06 u32 (high word flags, low word status). */
public record SetStatus(int flags, int status) {
  public SetStatus {
    if (flags < 0 || flags > 0xFFFF || status < 0 || status > 0xFFFF) {
      throw new IllegalArgumentException("status words are u16");
    }
  }

  public Snac toSnac(long requestId) {
    long value = ((long) flags << 16) | status;
    return Snac.build(SnacType.SERVICE_SET_STATUS, requestId, out -> Tlv.ofU32(0x06, value).writeTo(out));
  }
}
