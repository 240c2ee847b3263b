package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Server-sent families 0x0D (chat navigation) and 0x0E (chat) SNACs, one method per packet of the references
 * {@code snac_0d_09}, {@code snac_0e_02}, {@code snac_0e_03}, {@code snac_0e_04}, {@code snac_0e_06} and the TLV set of
 * {@code tlv_chat}. Pure functions of their arguments, so tests compare them with the reference dumps.
 */
final class ChatSnacs {
  /** 0D/09 TLVs (reference {@code snac_0d_09}). */
  static final int TLV_MAX_CONCURRENT_ROOMS = 0x0002;
  static final int TLV_EXCHANGE = 0x0003;
  static final int TLV_ROOM = 0x0004;
  /** Description TLVs (reference {@code tlv_chat}). */
  static final int TLV_EXCHANGE_MAX_ROOMS = 0x0003;
  static final int TLV_MAX_NAME_LENGTH = 0x0004;
  static final int TLV_FLAGS = 0x00C9;
  static final int TLV_CREATE_TIME = 0x00CA;
  static final int TLV_MAX_MESSAGE_LENGTH = 0x00D1;
  static final int TLV_MAX_OCCUPANCY = 0x00D2;
  static final int TLV_NAME = 0x00D3;
  static final int TLV_CREATE_PERMISSION = 0x00D5;
  static final int TLV_CHARSET = 0x00D6;
  static final int TLV_LANGUAGE = 0x00D7;
  /** 0E/06 TLVs (reference {@code snac_0e_06}). */
  static final int TLV_PUBLIC = 0x0001;
  static final int TLV_SENDER = 0x0003;
  static final int TLV_MESSAGE = 0x0005;

  static final int MAX_CONCURRENT_ROOMS = 10;
  static final int MAX_NAME_LENGTH = 100;
  static final int MAX_MESSAGE_LENGTH = 1024;
  static final int MAX_OCCUPANCY = 100;
  /** Room flags as revival servers send them: evilable, nav only, instancing allowed, occupant peek allowed. */
  static final int ROOM_FLAGS = 0x000F;
  static final int DETAIL_LEVEL = 2;

  private ChatSnacs() {}

  /** 0D/09 answering 0D/02 (and 0D/03 for one exchange): the most rooms per user and each exchange's rules. */
  static Snac navRights(long requestId, List<Integer> exchanges) {
    return ServerSnacs.snac(0x0D, 0x09, requestId, out -> {
      Tlv.ofU8(TLV_MAX_CONCURRENT_ROOMS, MAX_CONCURRENT_ROOMS).writeTo(out);
      for (int exchange : exchanges) {
        Tlv.ofBytes(TLV_EXCHANGE, ServerSnacs.bytes(value -> {
          value.writeShort(exchange);
          TlvChain.of(
              Tlv.ofU8(TLV_EXCHANGE_MAX_ROOMS, MAX_CONCURRENT_ROOMS),
              Tlv.ofU8(TLV_MAX_NAME_LENGTH, MAX_NAME_LENGTH),
              Tlv.ofU16(TLV_FLAGS, ROOM_FLAGS),
              // 1: users may create rooms here (exchange 4); 0: only the operator (exchange 5)
              Tlv.ofU8(TLV_CREATE_PERMISSION, exchange == ChatRooms.PRIVATE_EXCHANGE ? 1 : 0),
              Tlv.ofAscii(TLV_CHARSET, "us-ascii"),
              Tlv.ofAscii(TLV_LANGUAGE, "en")).writeBlock(value);
        })).writeTo(out);
      }
    });
  }

  /** 0D/09 answering 0D/08 or 0D/04: TLV 0x0004 with the room's description. */
  static Snac navRoom(long requestId, ChatRooms.Room room) {
    return ServerSnacs.snac(0x0D, 0x09, requestId,
        out -> Tlv.ofBytes(TLV_ROOM, ServerSnacs.bytes(value -> writeRoom(value, room))).writeTo(out));
  }

  /** 0E/02: the room's description, sent to a joiner after the occupant list. */
  static Snac roomInfoUpdate(long requestId, ChatRooms.Room room) {
    return ServerSnacs.snac(0x0E, 0x02, requestId, out -> writeRoom(out, room));
  }

  /** 0E/03 (joined) or 0E/04 (left): the occupants' user-info blocks, one after the other. */
  static Snac users(int subtype, long requestId, List<UserInfoBlock> users) {
    return ServerSnacs.snac(0x0E, subtype, requestId, out -> users.forEach(user -> user.writeTo(out)));
  }

  /**
   * 0E/06 (reference {@code snac_0e_06}): the sender's cookie and channel, TLV 0x0003 the sender's block, empty TLV
   * 0x0001 when the message went to everyone, TLV 0x0005 the message information as the sender wrote it.
   */
  static Snac message(long requestId, byte[] cookie, int channel, UserInfoBlock sender, boolean isPublic,
      byte[] messageInformation) {
    return ServerSnacs.snac(0x0E, 0x06, requestId, out -> {
      out.writeBytes(cookie);
      out.writeShort(channel);
      Tlv.ofBytes(TLV_SENDER, ServerSnacs.bytes(sender::writeTo)).writeTo(out);
      if (isPublic) {
        Tlv.empty(TLV_PUBLIC).writeTo(out);
      }
      Tlv.ofBytes(TLV_MESSAGE, messageInformation).writeTo(out);
    });
  }

  /**
   * An occupant's block as the chat dumps show it ({@code snac_0e_03}, {@code snac_0e_06}): class u16, online
   * seconds, sign-on time.
   */
  static UserInfoBlock occupant(String screenName, long onlineSeconds, long signOnTime) {
    return new UserInfoBlock(screenName, 0, TlvChain.of(
        Tlv.ofU16(UserInfoBlocks.TLV_CLASS, UserInfoBlocks.userClassOf(screenName)),
        Tlv.ofU32(UserInfoBlocks.TLV_ONLINE_SECONDS, onlineSeconds),
        Tlv.ofU32(UserInfoBlocks.TLV_SIGN_ON_TIME, signOnTime)));
  }

  /** Exchange, cookie, instance, detail level and the description TLVs (reference {@code snac_0e_02}). */
  private static void writeRoom(ByteBuf out, ChatRooms.Room room) {
    byte[] cookie = room.cookie().getBytes(StandardCharsets.UTF_8);
    out.writeShort(room.exchange());
    out.writeByte(cookie.length);
    out.writeBytes(cookie);
    out.writeShort(room.instance());
    out.writeByte(DETAIL_LEVEL);
    TlvChain.of(
        Tlv.ofU16(TLV_FLAGS, ROOM_FLAGS),
        Tlv.ofU32(TLV_CREATE_TIME, room.createTime()),
        Tlv.ofU16(TLV_MAX_MESSAGE_LENGTH, MAX_MESSAGE_LENGTH),
        Tlv.ofU16(TLV_MAX_OCCUPANCY, MAX_OCCUPANCY),
        Tlv.ofBytes(TLV_NAME, room.name().getBytes(StandardCharsets.UTF_8)),
        Tlv.ofU8(TLV_CREATE_PERMISSION, room.exchange() == ChatRooms.PRIVATE_EXCHANGE ? 1 : 0)).writeBlock(out);
  }
}
