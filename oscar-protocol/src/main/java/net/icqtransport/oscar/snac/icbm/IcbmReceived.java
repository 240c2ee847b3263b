package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import java.util.Optional;
import java.util.OptionalLong;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(04,07), a message for the client (iserverd SRV_CLIENT_ICBM): cookie u64, channel u16, the sender's
 * user-info block, then the channel's TLV chain.
 */
public record IcbmReceived(long cookie, int channel, UserInfo sender, TlvChain messageTlvs) {

  public static IcbmReceived decode(Snac snac) {
    if (!snac.is(SnacType.ICBM_RECEIVE)) {
      throw new IllegalArgumentException("not SNAC(04,07): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    SnacIo.require(in, 10, "ICBM header");
    long cookie = in.readLong();
    int channel = in.readUnsignedShort();
    UserInfo sender = UserInfo.read(in);
    return new IcbmReceived(cookie, channel, sender, TlvChain.readChain(in));
  }

  /** Channel 1: the text of TLV 0x02, if there is one. */
  public Optional<IcbmMessageText> text() {
    if (channel != 1) {
      return Optional.empty();
    }
    return messageTlvs.bytes(0x02).map(IcbmMessageText::fromMessageData);
  }

  /** Channel 2: the rendezvous block of TLV 0x05, if there is one. */
  public Optional<IcbmRendezvous> rendezvous() {
    if (channel != 2) {
      return Optional.empty();
    }
    return messageTlvs.bytes(0x05).map(IcbmRendezvous::decode);
  }

  /** Channel 4: the ICQ data of TLV 0x05, if there is one. */
  public Optional<IcqChannel4Data> channel4Data() {
    if (channel != 4) {
      return Optional.empty();
    }
    return messageTlvs.bytes(0x05).map(IcqChannel4Data::decode);
  }

  /** TLV 0x16: when the sender sent the message (seconds since the epoch), for delayed delivery. */
  public OptionalLong sendTime() {
    return messageTlvs.find(0x16).filter(t -> t.length() == 4)
        .map(t -> OptionalLong.of(t.asUnsigned())).orElse(OptionalLong.empty());
  }
}
