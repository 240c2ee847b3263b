package net.icqtransport.oscar.snac.service;

import java.util.Arrays;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(01,05), where to find a requested service (iserverd {@code snac_01_05.txt}): TLV 0x0D family, TLV 0x05
 * "host[:port]", TLV 0x06 the cookie to present on the new connection. The cookie is never logged.
 */
public record ServiceRedirect(int family, String host, int port, byte[] cookie) {
  public static final int DEFAULT_PORT = 5190;

  public ServiceRedirect {
    cookie = cookie.clone();
  }

  @Override
  public byte[] cookie() {
    return cookie.clone();
  }

  public static ServiceRedirect decode(Snac snac) {
    if (!snac.is(SnacType.SERVICE_REDIRECT)) {
      throw new IllegalArgumentException("not SNAC(01,05): " + snac);
    }
    TlvChain tlvs = TlvChain.readChain(snac.dataBuffer());
    int family = tlvs.u16(0x0D).orElseThrow(() -> new OscarProtocolException("SNAC(01,05) without family"));
    String address = tlvs.ascii(0x05).orElseThrow(() -> new OscarProtocolException("SNAC(01,05) without address"));
    byte[] cookie = tlvs.bytes(0x06).orElseThrow(() -> new OscarProtocolException("SNAC(01,05) without cookie"));
    String host = address;
    int port = DEFAULT_PORT;
    int colon = address.lastIndexOf(':');
    if (colon >= 0) {
      host = address.substring(0, colon);
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new OscarProtocolException("SNAC(01,05) with a bad port: " + address);
      }
      if (port < 1 || port > 0xFFFF) {
        throw new OscarProtocolException("SNAC(01,05) with a bad port: " + address);
      }
    }
    if (host.isBlank()) {
      throw new OscarProtocolException("SNAC(01,05) without host");
    }
    return new ServiceRedirect(family, host, port, cookie);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceRedirect other && family == other.family && host.equals(other.host)
        && port == other.port && Arrays.equals(cookie, other.cookie);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(family, host, port, Arrays.hashCode(cookie));
  }

  /** Without the cookie. */
  @Override
  public String toString() {
    return String.format("ServiceRedirect[family 0x%04X at %s:%d]", family, host, port);
  }
}
