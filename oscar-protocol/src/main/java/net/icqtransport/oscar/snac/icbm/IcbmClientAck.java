package net.icqtransport.oscar.snac.icbm;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(04,0B), a client's answer to a message, relayed unchanged by the server (iserverd snac_04_0b,
 * snac_04_0b_ch2): cookie u64, channel u16, screen name (u8 length), reason u16, then channel-specific data.
 * ICQ clients acknowledge channel-2 messages with reason {@link #REASON_CHANNEL_SPECIFIC} and an
 * {@link IcqServerRelayMessage} body, which for auto-message requests carries the status text.
 */
public record IcbmClientAck(long cookie, int channel, String screenName, int reason, byte[] data) {
  public static final int REASON_UNSUPPORTED_CHANNEL = 0x0001;
  public static final int REASON_BUSTED_PAYLOAD = 0x0002;
  public static final int REASON_CHANNEL_SPECIFIC = 0x0003;

  public IcbmClientAck {
    Objects.requireNonNull(screenName, "screenName");
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.ICBM_CLIENT_ACK, requestId, out -> {
      IcbmHeader.write(out, cookie, channel, screenName);
      out.writeShort(reason);
      out.writeBytes(data);
    });
  }

  public static IcbmClientAck decode(Snac snac) {
    if (!snac.is(SnacType.ICBM_CLIENT_ACK)) {
      throw new IllegalArgumentException("not SNAC(04,0B): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    SnacIo.require(in, 10, "ICBM client ack header");
    long cookie = in.readLong();
    int channel = in.readUnsignedShort();
    String name = SnacIo.readScreenName(in);
    int reason = SnacIo.readU16(in, "ICBM client ack reason");
    return new IcbmClientAck(cookie, channel, name, reason, SnacIo.readBytes(in, in.readableBytes(), "ack data"));
  }

  /** Lengths only: the data may hold a status text. */
  @Override
  public String toString() {
    return String.format("IcbmClientAck[ch%d, %s, reason %d, %d bytes]", channel, screenName, reason, data.length);
  }
}
