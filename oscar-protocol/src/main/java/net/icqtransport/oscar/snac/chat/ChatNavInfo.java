package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(0D,09), what the chat navigation service answers (iserverd {@code snac_0d_09}): a TLV chain with 0x0002 the
 * most rooms a user may be in, 0x0003 per exchange its number and a TLV block, 0x0004 per room a
 * {@link ChatRoomInfo}. The answer to 0D/02 holds exchanges, the answer to 0D/08 or 0D/04 the room.
 */
public record ChatNavInfo(OptionalLong maxConcurrentRooms, List<Exchange> exchanges, List<ChatRoomInfo> rooms) {
  public static final int TLV_MAX_CONCURRENT_ROOMS = 0x0002;
  public static final int TLV_EXCHANGE = 0x0003;
  public static final int TLV_ROOM = 0x0004;

  /** One exchange of 0D/09 TLV 0x0003: its number and description TLVs. */
  public record Exchange(int id, TlvChain tlvs) {}

  public ChatNavInfo {
    exchanges = List.copyOf(exchanges);
    rooms = List.copyOf(rooms);
  }

  public static ChatNavInfo decode(Snac snac) {
    if (!snac.is(SnacType.CHATNAV_INFO)) {
      throw new IllegalArgumentException("not SNAC(0D,09): " + snac);
    }
    OptionalLong maxRooms = OptionalLong.empty();
    List<Exchange> exchanges = new ArrayList<>();
    List<ChatRoomInfo> rooms = new ArrayList<>();
    for (Tlv tlv : TlvChain.readChain(snac.dataBuffer()).tlvs()) {
      switch (tlv.type()) {
        case TLV_MAX_CONCURRENT_ROOMS -> maxRooms = OptionalLong.of(tlv.asUnsigned());
        case TLV_EXCHANGE -> {
          ByteBuf in = Unpooled.wrappedBuffer(tlv.value());
          int id = SnacIo.readU16(in, "exchange number");
          exchanges.add(new Exchange(id, TlvChain.readBlock(in)));
        }
        case TLV_ROOM -> rooms.add(ChatRoomInfo.read(Unpooled.wrappedBuffer(tlv.value())));
        default -> { }
      }
    }
    return new ChatNavInfo(maxRooms, exchanges, rooms);
  }
}
