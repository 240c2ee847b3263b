package net.icqtransport.oscar.snac.location;

import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/** SNAC(02,04) with TLV 0x05, the capability list (all ICQ clients send only this TLV). */
public record LocationSetInfo(List<Capability> capabilities) {
  public LocationSetInfo {
    capabilities = List.copyOf(capabilities);
  }

  public Snac toSnac(long requestId) {
    byte[] guids = new byte[16 * capabilities.size()];
    for (int i = 0; i < capabilities.size(); i++) {
      System.arraycopy(capabilities.get(i).guid(), 0, guids, 16 * i, 16);
    }
    return Snac.build(SnacType.LOCATION_SET_INFO, requestId, out -> Tlv.ofBytes(0x05, guids).writeTo(out));
  }
}
