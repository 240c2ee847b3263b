package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * TLV 0x05 of a channel-2 ICBM, the rendezvous block (iserverd snac_04_06_ch2, snac_04_07_ch2): type u16
 * ({@link #PROPOSE}, {@link #CANCEL}, {@link #ACCEPT}), cookie u64 (the ICBM's), capability GUID, then TLVs; for
 * the ICQ server-relay capability TLV 0x2711 holds an {@link IcqServerRelayMessage}.
 */
public record IcbmRendezvous(int type, long cookie, byte[] capability, TlvChain tlvs) {
  public static final int PROPOSE = 0x0000;
  public static final int CANCEL = 0x0001;
  public static final int ACCEPT = 0x0002;
  public static final int TLV_SERVER_RELAY = 0x2711;

  public IcbmRendezvous {
    capability = capability.clone();
    if (capability.length != 16) {
      throw new IllegalArgumentException("capability GUID must be 16 bytes");
    }
    Objects.requireNonNull(tlvs, "tlvs");
  }

  /** A proposal carrying an ICQ message, with the TLVs ICQ 2003 clients send (0x0A = 1, empty 0x0F, 0x2711). */
  public static IcbmRendezvous serverRelay(long cookie, IcqServerRelayMessage message) {
    return new IcbmRendezvous(PROPOSE, cookie, Capability.ICQ_SERVER_RELAY.guid(), TlvChain.of(
        Tlv.ofU16(0x0A, 1), Tlv.empty(0x0F), Tlv.ofBytes(TLV_SERVER_RELAY, message.toBytes())));
  }

  @Override
  public byte[] capability() {
    return capability.clone();
  }

  public boolean isServerRelay() {
    return Capability.ICQ_SERVER_RELAY.matches(capability);
  }

  /** The ICQ message of TLV 0x2711, if there is one. */
  public Optional<IcqServerRelayMessage> serverRelayMessage() {
    return tlvs.bytes(TLV_SERVER_RELAY).map(IcqServerRelayMessage::decode);
  }

  public byte[] toBytes() {
    ByteBuf out = Unpooled.buffer();
    out.writeShort(type);
    out.writeLong(cookie);
    out.writeBytes(capability);
    tlvs.writeChain(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  public static IcbmRendezvous decode(byte[] value) {
    ByteBuf in = Unpooled.wrappedBuffer(value);
    int type = SnacIo.readU16(in, "rendezvous type");
    SnacIo.require(in, 8, "rendezvous cookie");
    long cookie = in.readLong();
    byte[] capability = SnacIo.readBytes(in, 16, "rendezvous capability");
    return new IcbmRendezvous(type, cookie, capability, TlvChain.readChain(in));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IcbmRendezvous r && type == r.type && cookie == r.cookie
        && Arrays.equals(capability, r.capability) && tlvs.equals(r.tlvs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, cookie, Arrays.hashCode(capability), tlvs);
  }

  /** No cookie: cookies are not for logs. */
  @Override
  public String toString() {
    return "IcbmRendezvous[type=" + type + ", " + tlvs.size() + " TLVs]";
  }
}
