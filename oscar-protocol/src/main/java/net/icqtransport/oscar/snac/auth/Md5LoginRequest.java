package net.icqtransport.oscar.snac.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(17,02), the MD5 login (iserverd CLI_MD5_LOGIN). TLVs in the order real clients send them: 0x01 screen
 * name, 0x25 hash, 0x4C (only when the hash was made from MD5(password)), 0x03 and the version TLVs, then 0x4A
 * (1: this client uses SSI only).
 */
public final class Md5LoginRequest {
  private final String screenName;
  private final byte[] passwordHash;
  private final boolean prehashed;
  private final ClientIdentity identity;

  /**
   * @param passwordHash 16 bytes from {@link PasswordHashes#md5} or {@link PasswordHashes#md5Prehashed}
   * @param prehashed whether the hash is the {@code md5Prehashed} kind (TLV 0x4C tells the server)
   */
  public Md5LoginRequest(String screenName, byte[] passwordHash, boolean prehashed, ClientIdentity identity) {
    this.screenName = Objects.requireNonNull(screenName, "screenName");
    if (passwordHash.length != 16) {
      throw new IllegalArgumentException("an MD5 hash has 16 bytes, not " + passwordHash.length);
    }
    this.passwordHash = passwordHash.clone();
    this.prehashed = prehashed;
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  public Snac toSnac(long requestId) {
    List<Tlv> tlvs = new ArrayList<>();
    tlvs.add(Tlv.ofAscii(0x01, screenName));
    tlvs.add(Tlv.ofBytes(0x25, passwordHash));
    if (prehashed) {
      tlvs.add(Tlv.empty(0x4C));
    }
    tlvs.add(identity.idStringTlv());
    tlvs.addAll(identity.versionTlvs().tlvs());
    tlvs.add(Tlv.ofU8(0x4A, 1));
    TlvChain chain = new TlvChain(tlvs);
    return Snac.build(SnacType.AUTH_LOGIN_REQUEST, requestId, chain::writeChain);
  }

  @Override
  public String toString() {
    return "Md5LoginRequest[" + screenName + ", hash=16 bytes]";
  }
}
