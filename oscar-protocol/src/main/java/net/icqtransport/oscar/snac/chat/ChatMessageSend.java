package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.Unpooled;
import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * SNAC(0E,05), a message to the room (iserverd {@code snac_0e_05}): cookie u64, channel 3 (chat uses no other),
 * empty TLV 0x0001 (to everyone, not whispered), empty TLV 0x0006 when the server should send the message back to
 * the sender too ("reflection"), TLV 0x0005 with the {@link ChatMessageText}, in the dump's order.
 */
public record ChatMessageSend(long cookie, ChatMessageText message, boolean reflect) {
  public static final int CHANNEL = 3;
  public static final int TLV_PUBLIC = 0x0001;
  public static final int TLV_MESSAGE = 0x0005;
  public static final int TLV_REFLECT = 0x0006;

  public ChatMessageSend {
    Objects.requireNonNull(message, "message");
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.CHAT_MESSAGE_SEND, requestId, out -> {
      out.writeLong(cookie);
      out.writeShort(CHANNEL);
      Tlv.empty(TLV_PUBLIC).writeTo(out);
      if (reflect) {
        Tlv.empty(TLV_REFLECT).writeTo(out);
      }
      var info = Unpooled.buffer();
      message.toTlvs().writeChain(info);
      byte[] bytes = new byte[info.readableBytes()];
      info.readBytes(bytes);
      Tlv.ofBytes(TLV_MESSAGE, bytes).writeTo(out);
    });
  }
}
