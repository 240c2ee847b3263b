package net.icqtransport.oscar.snac.chat;

import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;

/**
 * SNAC(01,04) for family 0x000E (iserverd {@code snac_01_04}, {@code service_request}): the family, then TLV 0x0001
 * with the room's {@link ChatRoomRef}, so that the 01/05 answer's cookie admits the client to that room.
 */
public record ChatServiceRequest(ChatRoomRef room) {
  public static final int FAMILY_CHAT = 0x000E;
  public static final int TLV_ROOM = 0x0001;

  public ChatServiceRequest {
    Objects.requireNonNull(room, "room");
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.SERVICE_REQUEST, requestId, out -> {
      out.writeShort(FAMILY_CHAT);
      Tlv.ofBytes(TLV_ROOM, room.toBytes()).writeTo(out);
    });
  }
}
