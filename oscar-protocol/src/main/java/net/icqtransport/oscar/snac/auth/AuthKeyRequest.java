package net.icqtransport.oscar.snac.auth;

import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/** SNAC(17,06): asks for the MD5 login key. TLV 0x01 screen name, then empty TLVs 0x4B and 0x5A as ICQ sends. */
public record AuthKeyRequest(String screenName) {
  public AuthKeyRequest {
    Objects.requireNonNull(screenName, "screenName");
  }

  public Snac toSnac(long requestId) {
    TlvChain tlvs = TlvChain.of(Tlv.ofAscii(0x01, screenName), Tlv.empty(0x4B), Tlv.empty(0x5A));
    return Snac.build(SnacType.AUTH_KEY_REQUEST, requestId, tlvs::writeChain);
  }
}
