package net.icqtransport.oscar.snac.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The channel-1 login (iserverd cli_ident): protocol version {@code 00 00 00 01}, TLV 0x01 screen name, TLV 0x02
 * roasted password, then the client identity TLVs. The server answers on channel 4 ({@link LoginReply}).
 */
public final class LegacyLoginRequest {
  private final String screenName;
  private final byte[] roastedPassword;
  private final ClientIdentity identity;

  public LegacyLoginRequest(String screenName, byte[] roastedPassword, ClientIdentity identity) {
    this.screenName = Objects.requireNonNull(screenName, "screenName");
    this.roastedPassword = roastedPassword.clone();
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  public FlapFrame toFrame() {
    List<Tlv> tlvs = new ArrayList<>();
    tlvs.add(Tlv.ofAscii(0x01, screenName));
    tlvs.add(Tlv.ofBytes(0x02, roastedPassword));
    tlvs.add(identity.idStringTlv());
    tlvs.addAll(identity.versionTlvs().tlvs());
    ByteBuf out = Unpooled.buffer();
    out.writeInt(SignOn.PROTOCOL_VERSION);
    new TlvChain(tlvs).writeChain(out);
    byte[] payload = new byte[out.readableBytes()];
    out.readBytes(payload);
    return FlapFrame.of(FlapChannel.SIGNON, payload);
  }

  @Override
  public String toString() {
    return "LegacyLoginRequest[" + screenName + ", password=" + roastedPassword.length + " bytes]";
  }
}
