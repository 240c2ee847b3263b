package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import net.icqtransport.oscar.snac.LegacyText;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A room and its description (iserverd {@code snac_0e_02}, {@code snac_0d_08}, {@code snac_0d_09} TLV 0x04): the
 * {@link ChatRoomRef}, a detail level u8 and a TLV block of the {@code tlv_chat} set (0x00D3 name, 0x00D1 longest
 * message, 0x00D6/0x00D7 charset and language, …). It is the body of 0E/02 and of the create request 0D/08, and
 * the value of 0D/09 TLV 0x0004.
 */
public record ChatRoomInfo(ChatRoomRef room, int detailLevel, TlvChain tlvs) {
  public static final int TLV_FLAGS = 0x00C9;
  public static final int TLV_CREATE_TIME = 0x00CA;
  public static final int TLV_DESCRIPTION = 0x00CC;
  public static final int TLV_MAX_MESSAGE_LENGTH = 0x00D1;
  public static final int TLV_MAX_OCCUPANCY = 0x00D2;
  public static final int TLV_NAME = 0x00D3;
  public static final int TLV_CREATE_PERMISSION = 0x00D5;
  public static final int TLV_CHARSET = 0x00D6;
  public static final int TLV_LANGUAGE = 0x00D7;

  public ChatRoomInfo {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(tlvs, "tlvs");
    if (detailLevel < 0 || detailLevel > 0xFF) {
      throw new IllegalArgumentException("detail level is a u8: " + detailLevel);
    }
  }

  /** TLV 0x00D3, the name as the server spells it (UTF-8 when valid, else Latin-1). */
  public Optional<String> name() {
    return tlvs.bytes(TLV_NAME).map(bytes -> LegacyText.isValidUtf8(bytes)
        ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, StandardCharsets.ISO_8859_1));
  }

  /** TLV 0x00D1, the longest message the room takes, when the server says and it reads as a number. */
  public OptionalInt maxMessageLength() {
    Optional<Tlv> tlv = tlvs.find(TLV_MAX_MESSAGE_LENGTH).filter(t -> t.length() == 2 || t.length() == 4);
    return tlv.isPresent() ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, tlv.get().asUnsigned()))
        : OptionalInt.empty();
  }

  public void writeTo(ByteBuf out) {
    room.writeTo(out);
    out.writeByte(detailLevel);
    tlvs.writeBlock(out);
  }

  /** Reads one description and leaves the buffer after it. */
  public static ChatRoomInfo read(ByteBuf in) {
    ChatRoomRef room = ChatRoomRef.read(in);
    int detail = SnacIo.readU8(in, "chat detail level");
    return new ChatRoomInfo(room, detail, TlvChain.readBlock(in));
  }

  /** SNAC(0E,02), the room's description, sent by the chat server after the join. */
  public static ChatRoomInfo decodeUpdate(Snac snac) {
    if (!snac.is(SnacType.CHAT_ROOM_INFO_UPDATE)) {
      throw new IllegalArgumentException("not SNAC(0E,02): " + snac);
    }
    return read(snac.dataBuffer());
  }
}
