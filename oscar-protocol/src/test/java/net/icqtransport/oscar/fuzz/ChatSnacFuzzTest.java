package net.icqtransport.oscar.fuzz;

import static net.icqtransport.oscar.fuzz.ProtocolErrors.onlyProtocolErrors;

import java.nio.charset.Charset;
import java.util.List;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.chat.ChatDumps;
import net.icqtransport.oscar.snac.chat.ChatInvitation;
import net.icqtransport.oscar.snac.chat.ChatMessageReceived;
import net.icqtransport.oscar.snac.chat.ChatMessageText;
import net.icqtransport.oscar.snac.chat.ChatNavCreateRoom;
import net.icqtransport.oscar.snac.chat.ChatNavInfo;
import net.icqtransport.oscar.snac.chat.ChatRoomInfo;
import net.icqtransport.oscar.snac.chat.ChatRoomRef;
import net.icqtransport.oscar.snac.chat.ChatUsers;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the parsers of families 0x0D and 0x0E and of chat invitations (iserverd {@code snac_0d_09},
 * {@code snac_0e_02}, {@code snac_0e_03}, {@code snac_0e_06}) with mutated golden data and random bytes, down to the
 * decoded text, the way {@link SnacParserFuzzTest} does for the other families.
 */
class ChatSnacFuzzTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  @Property
  void chatSnacs(@ForAll("chatData") byte[] data) {
    onlyProtocolErrors(data, () -> ChatUsers.decode(new Snac(0x0E, 0x03, 0, 1, data)));
    onlyProtocolErrors(data, () -> {
      ChatMessageReceived message = ChatMessageReceived.decode(new Snac(0x0E, 0x06, 0, 1, data));
      message.sender();
      return message.message().map(text -> text.decode(CP1252));
    });
    onlyProtocolErrors(data, () -> ChatRoomInfo.decodeUpdate(new Snac(0x0E, 0x02, 0, 1, data)).maxMessageLength());
    onlyProtocolErrors(data, () -> ChatNavInfo.decode(new Snac(0x0D, 0x09, 0, 1, data)).rooms().stream()
        .map(room -> List.of(room.name(), room.maxMessageLength())).toList());
  }

  @Property
  void invitationsAndRoomReferences(@ForAll("invitationData") byte[] block) {
    onlyProtocolErrors(block, () -> ChatInvitation.from(IcbmRendezvous.decode(block))
        .map(invitation -> List.of(invitation.decodeText(CP1252), invitation.room().nameFromCookie())));
    onlyProtocolErrors(block, () -> ChatRoomRef.decode(block).nameFromCookie());
    onlyProtocolErrors(block, () -> ChatMessageText.decode(new String(block, CP1252), block, CP1252));
  }

  @Provide
  Arbitrary<byte[]> chatData() {
    byte[] navInfo = new Snac(0x0D, 0x09, 0, 1, bytes(TlvChain.of(Tlv.ofU8(0x02, 10),
        Tlv.ofBytes(0x04, bytes(new ChatNavCreateRoom(4, "Lobby").toRoomInfo()))))).data();
    return ByteMutations.fuzzed(List.of(data(ChatDumps.USERS_JOINED), data(ChatDumps.MESSAGE_RECEIVE),
        bytes(new ChatNavCreateRoom(4, "Lobby").toRoomInfo()), navInfo), 200);
  }

  @Provide
  Arbitrary<byte[]> invitationData() {
    ChatRoomRef lobby = ChatRoomRef.of(4, "4-0-Lobby", 0);
    byte[] proposal = new ChatInvitation(lobby, ChatMessageText.of("Komm zurück")).toRendezvous(7).toBytes();
    return ByteMutations.fuzzed(List.of(proposal, lobby.toBytes()), 120);
  }

  private static byte[] data(String dump) {
    return Snac.decode(HexDump.flapPayload(dump)).data();
  }

  private static byte[] bytes(ChatRoomInfo info) {
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
    info.writeTo(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  private static byte[] bytes(TlvChain tlvs) {
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
    tlvs.writeChain(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }
}
