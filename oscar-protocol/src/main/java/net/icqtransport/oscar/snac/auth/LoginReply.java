package net.icqtransport.oscar.snac.auth;

import io.netty.buffer.Unpooled;
import java.util.Optional;
import java.util.OptionalInt;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The authorizer's answer, from SNAC(17,03) or a channel-4 frame after a channel-1 login (iserverd srv_cookie /
 * auth_failed): TLV 0x05 BOS address "host:port" and 0x06 cookie, or TLV 0x08 error code (0x04 error URL).
 */
public final class LoginReply {
  public static final int DEFAULT_BOS_PORT = 5190;

  private final TlvChain tlvs;

  private LoginReply(TlvChain tlvs) {
    this.tlvs = tlvs;
  }

  public static LoginReply fromSnac(Snac snac) {
    if (!snac.is(SnacType.AUTH_LOGIN_REPLY)) {
      throw new IllegalArgumentException("not SNAC(17,03): " + snac);
    }
    return new LoginReply(TlvChain.readChain(snac.dataBuffer()));
  }

  /** The TLV chain of a channel-4 frame (it may be empty). */
  public static LoginReply fromSignoffPayload(byte[] payload) {
    return new LoginReply(TlvChain.readChain(Unpooled.wrappedBuffer(payload)));
  }

  public OptionalInt errorCode() {
    return tlvs.find(0x08).map(t -> OptionalInt.of((int) t.asUnsigned())).orElse(OptionalInt.empty());
  }

  public Optional<String> errorUrl() {
    return tlvs.ascii(0x04);
  }

  public Optional<String> screenName() {
    return tlvs.ascii(0x01);
  }

  public Optional<String> bosAddress() {
    return tlvs.ascii(0x05);
  }

  public Optional<byte[]> cookie() {
    return tlvs.bytes(0x06);
  }

  /** A cookie and a BOS address and no error code. */
  public boolean isSuccess() {
    return errorCode().isEmpty() && cookie().isPresent() && bosAddress().isPresent();
  }

  /** The BOS host of TLV 0x05 ({@code [v6]:port} brackets removed). */
  public String bosHost() {
    String address = bosAddress().orElseThrow(() -> new OscarProtocolException("login reply without BOS address"));
    if (address.startsWith("[")) {
      int end = address.indexOf(']');
      if (end < 0) {
        throw new OscarProtocolException("bad BOS address: " + address);
      }
      return address.substring(1, end);
    }
    int colon = address.lastIndexOf(':');
    return colon < 0 || address.indexOf(':') != colon ? address : address.substring(0, colon);
  }

  /** The BOS port of TLV 0x05, {@value #DEFAULT_BOS_PORT} when none is given. */
  public int bosPort() {
    String address = bosAddress().orElseThrow(() -> new OscarProtocolException("login reply without BOS address"));
    int colon = address.lastIndexOf(':');
    int bracket = address.lastIndexOf(']');
    if (colon < 0 || colon < bracket || (bracket < 0 && address.indexOf(':') != colon)) {
      return DEFAULT_BOS_PORT;
    }
    try {
      int port = Integer.parseInt(address.substring(colon + 1));
      if (port < 1 || port > 0xFFFF) {
        throw new OscarProtocolException("bad BOS port in " + address);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new OscarProtocolException("bad BOS port in " + address, e);
    }
  }

  /** Never shows the cookie. */
  @Override
  public String toString() {
    return "LoginReply[address=" + bosAddress().orElse(null)
        + ", cookie=" + cookie().map(c -> c.length + " bytes").orElse("none")
        + ", error=" + errorCode() + "]";
  }
}
