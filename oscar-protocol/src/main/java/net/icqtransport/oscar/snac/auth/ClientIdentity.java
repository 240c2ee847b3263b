package net.icqtransport.oscar.snac.auth;

import java.util.Objects;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * What a client says about itself at login (iserverd cli_ident, SNAC(17,02)): TLV 0x03 id string, 0x16 client
 * id, 0x17–0x1A version major/minor/lesser/build, 0x14 distribution number, 0x0F language, 0x0E country.
 */
public record ClientIdentity(
    String clientIdString,
    int clientId,
    int major,
    int minor,
    int lesser,
    int build,
    long distribution,
    String language,
    String country) {

  /** The values ICQ 2000b sent (iserverd cli_ident example dump); servers of the time accepted them. */
  public static final ClientIdentity ICQ_2000B = new ClientIdentity(
      "ICQ Inc. - Product of ICQ (TM).2000b.4.65.1.3281.85", 0x010A, 4, 65, 1, 3281, 85, "en", "us");

  public ClientIdentity {
    Objects.requireNonNull(clientIdString, "clientIdString");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(country, "country");
    for (int v : new int[] {clientId, major, minor, lesser, build}) {
      if (v < 0 || v > 0xFFFF) {
        throw new IllegalArgumentException("client version field out of range: " + v);
      }
    }
    if (distribution < 0 || distribution > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("distribution out of range: " + distribution);
    }
  }

  /** TLV 0x03 alone (the MD5 login puts the hash between it and the rest). */
  Tlv idStringTlv() {
    return Tlv.ofAscii(0x03, clientIdString);
  }

  /** TLVs 0x16, 0x17, 0x18, 0x19, 0x1A, 0x14, 0x0F, 0x0E in the order official clients send them. */
  TlvChain versionTlvs() {
    return TlvChain.of(
        Tlv.ofU16(0x16, clientId),
        Tlv.ofU16(0x17, major),
        Tlv.ofU16(0x18, minor),
        Tlv.ofU16(0x19, lesser),
        Tlv.ofU16(0x1A, build),
        Tlv.ofU32(0x14, distribution),
        Tlv.ofAscii(0x0F, language),
        Tlv.ofAscii(0x0E, country));
  }
}
