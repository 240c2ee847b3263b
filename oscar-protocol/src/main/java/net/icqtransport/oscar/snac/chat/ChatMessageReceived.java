package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(0E,06), a message in the room (iserverd {@code snac_0e_06}): cookie u64, channel u16, then TLVs: 0x0003 the
 * sender's user-info block, empty 0x0001 when it went to everyone, 0x0005 the {@link ChatMessageText}. The cookie is
 * the one of the sender's 0E/05, so a reflected message can be told by it.
 */
public record ChatMessageReceived(long cookie, int channel, TlvChain tlvs) {
  public static final int TLV_SENDER = 0x0003;

  public static ChatMessageReceived decode(Snac snac) {
    if (!snac.is(SnacType.CHAT_MESSAGE_RECEIVE)) {
      throw new IllegalArgumentException("not SNAC(0E,06): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    SnacIo.require(in, 10, "chat message header");
    long cookie = in.readLong();
    int channel = in.readUnsignedShort();
    return new ChatMessageReceived(cookie, channel, TlvChain.readChain(in));
  }

  /** TLV 0x0003, the sender's user-info block. */
  public UserInfo sender() {
    byte[] block = tlvs.bytes(TLV_SENDER).orElseThrow(() -> new OscarProtocolException("chat message without sender"));
    return UserInfo.read(Unpooled.wrappedBuffer(block));
  }

  /** Whether TLV 0x0001 says the message went to everyone (else it was whispered to this user). */
  public boolean isPublic() {
    return tlvs.contains(ChatMessageSend.TLV_PUBLIC);
  }

  /** TLV 0x0005, if it holds a text. */
  public Optional<ChatMessageText> message() {
    return tlvs.bytes(ChatMessageSend.TLV_MESSAGE)
        .flatMap(info -> ChatMessageText.fromTlvs(TlvChain.readChain(Unpooled.wrappedBuffer(info))));
  }
}
