package net.icqtransport.oscar.server;

import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC 17/02 (reference {@code snac_17_02}): TLV 0x01 screen name, TLV 0x25 MD5 hash; TLV 0x4C (empty) means
 * the client hashed MD5(password) in place of the password; TLV 0x4A is the multi-connection flag of newer
 * clients. Identity TLVs are kept but not checked.
 */
record Md5LoginRequest(String screenName, byte[] passwordHash, boolean passwordPreHashed, TlvChain tlvs) {
  static final int TLV_PASSWORD_HASH = 0x25;
  static final int TLV_PRE_HASHED = 0x4C;

  static Md5LoginRequest parse(Snac snac) {
    TlvChain tlvs = TlvChain.readChain(snac.dataBuffer());
    String screenName = tlvs.ascii(SignOnFrame.TLV_SCREEN_NAME)
        .orElseThrow(() -> new OscarProtocolException("17/02 without TLV 0x01"));
    byte[] hash = tlvs.bytes(TLV_PASSWORD_HASH)
        .orElseThrow(() -> new OscarProtocolException("17/02 without TLV 0x25"));
    return new Md5LoginRequest(screenName, hash, tlvs.contains(TLV_PRE_HASHED), tlvs);
  }

  /** Whether the client sent TLV 0x004A (multi-connection flag); without it this is an old client's login. */
  boolean multiConnection() {
    return tlvs.contains(SignOnFrame.TLV_MULTI_CONNECTION);
  }

  /** Leaves the hash out: it stands in for the password. */
  @Override
  public String toString() {
    return "Md5LoginRequest[" + screenName + ", preHashed=" + passwordPreHashed + "]";
  }
}
