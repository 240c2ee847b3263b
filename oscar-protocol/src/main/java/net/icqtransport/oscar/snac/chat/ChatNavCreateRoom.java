package net.icqtransport.oscar.snac.chat;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * SNAC(0D,08), create a room or find the one of that name (iserverd {@code snac_0d_08}): a {@link ChatRoomInfo}
 * whose cookie is the word {@code create}, instance 0xFFFF, detail level 1 and TLVs 0x00D3 name, 0x00D6 charset,
 * 0x00D7 language, as AIM clients send it. Servers answer with 0D/09 carrying the room (TLV 0x0004), or with 0D/01.
 * A name that is not ASCII goes as UTF-8, labelled so.
 */
public record ChatNavCreateRoom(int exchange, String name) {
  public static final String CREATE_COOKIE = "create";

  public ChatNavCreateRoom {
    Objects.requireNonNull(name, "name");
    if (exchange < 0 || exchange > 0xFFFF) {
      throw new IllegalArgumentException("exchange is a u16: " + exchange);
    }
    if (name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > 0xFFFF) {
      throw new IllegalArgumentException("a room name must be 1..65535 bytes and not blank");
    }
  }

  public ChatRoomInfo toRoomInfo() {
    boolean ascii = LegacyText.isAscii(name);
    return new ChatRoomInfo(ChatRoomRef.of(exchange, CREATE_COOKIE, ChatRoomRef.ANY_INSTANCE), 1, TlvChain.of(
        Tlv.ofBytes(ChatRoomInfo.TLV_NAME, name.getBytes(StandardCharsets.UTF_8)),
        Tlv.ofAscii(ChatRoomInfo.TLV_CHARSET, ascii ? "us-ascii" : "utf-8"),
        Tlv.ofAscii(ChatRoomInfo.TLV_LANGUAGE, "en")));
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.CHATNAV_CREATE_ROOM, requestId, toRoomInfo()::writeTo);
  }
}
