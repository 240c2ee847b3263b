package net.icqtransport.oscar.snac.chat;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.hex;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.icq.AimHtml;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.bart.BartDumps;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.icbm.IcbmChannel2Send;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import net.icqtransport.oscar.snac.service.ServiceRequest;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** Families 0x0D and 0x0E and the chat invitation against the iserverd dumps, where the reference has one. */
class ChatCodecTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  /** The cookie of both message dumps: the ASCII bytes "3A565C87". */
  private static final long DUMP_COOKIE = 0x3341353635433837L;

  @Test
  void chatNavigationIsAskedForAndRedirectedAsTheDumpsShow() {
    assertEquals(toHex(flapPayload(BartDumps.SERVICE_REQUEST)),
        toHex(new ServiceRequest(0x0D).toSnac(5).encode()));
    assertEquals(0x0D, ServiceRedirect.decode(Snac.decode(flapPayload(BartDumps.SERVICE_REDIRECT))).family());
  }

  @Test
  void errorsOfBothFamilies() {
    SnacError nav = SnacError.decode(Snac.decode(flapPayload(ChatDumps.CHATNAV_ERROR)));
    assertEquals(0x0D, nav.family());
    assertEquals(0x99D00762L, nav.requestId());
    assertEquals(SnacError.SERVICE_UNAVAILABLE, nav.code());
    SnacError chat = SnacError.decode(Snac.decode(flapPayload(ChatDumps.CHAT_ERROR)));
    assertEquals(0x0E, chat.family());
    assertEquals(SnacError.SERVICE_UNAVAILABLE, chat.code());
  }

  @Test
  void usersJoinedOfTheDump() {
    Snac snac = Snac.decode(flapPayload(ChatDumps.USERS_JOINED));
    ChatUsers users = ChatUsers.decode(snac);
    assertTrue(users.joined());
    assertEquals(1, users.users().size());
    UserInfo user = users.users().get(0);
    assertEquals("REALRegressor", user.screenName());
    assertEquals(0, user.warningLevel());
    assertEquals(0x0010, user.tlvs().u16(0x01).getAsInt());
    assertEquals(1, user.tlvs().unsigned(0x0F).getAsLong());
    assertEquals(0x3E4CBE8CL, user.tlvs().unsigned(0x03).getAsLong());

    Snac left = new Snac(0x0E, 0x04, 0, 1, snac.data());
    assertFalse(ChatUsers.decode(left).joined());
    assertEquals(users.users(), ChatUsers.decode(left).users());
    assertThrows(IllegalArgumentException.class, () -> ChatUsers.decode(new Snac(0x0E, 0x05, 0, 1, snac.data())));
  }

  @Test
  void messageSendMatchesTheDump() {
    ChatMessageText text = new ChatMessageText("us-ascii", "en", ChatDumps.HTML.getBytes(StandardCharsets.US_ASCII));
    assertEquals(toHex(flapPayload(ChatDumps.MESSAGE_SEND)),
        toHex(new ChatMessageSend(DUMP_COOKIE, text, true).toSnac(5).encode()));
    assertEquals(text, ChatMessageText.of(ChatDumps.HTML));
  }

  @Test
  void messageReceivedOfTheDump() {
    ChatMessageReceived message = ChatMessageReceived.decode(Snac.decode(flapPayload(ChatDumps.MESSAGE_RECEIVE)));
    assertEquals(DUMP_COOKIE, message.cookie());
    assertEquals(ChatMessageSend.CHANNEL, message.channel());
    assertEquals("REALRegressor", message.sender().screenName());
    assertEquals(0x18, message.sender().tlvs().unsigned(0x0F).getAsLong());
    assertTrue(message.isPublic());
    ChatMessageText text = message.message().orElseThrow();
    assertEquals("us-ascii", text.charset());
    assertEquals("en", text.language());
    assertEquals(ChatDumps.HTML, text.decode(CP1252));
    assertEquals("Hi.... Anybody ?", AimHtml.toPlainText(text.decode(CP1252)));
  }

  @Test
  void cutShortTheDumpsFailOnlyAsProtocolErrors() {
    for (String dump : List.of(ChatDumps.USERS_JOINED, ChatDumps.MESSAGE_RECEIVE)) {
      Snac snac = Snac.decode(flapPayload(dump));
      byte[] data = snac.data();
      for (int length = 1; length < data.length; length++) {
        Snac cut = new Snac(snac.family(), snac.subtype(), 0, 1, Arrays.copyOf(data, length));
        try {
          if (cut.subtype() == 0x03) {
            ChatUsers.decode(cut);
            fail("0E/03 cut to " + length + " bytes parsed");
          } else {
            ChatMessageReceived received = ChatMessageReceived.decode(cut);
            received.sender();
            received.message().ifPresent(m -> m.decode(CP1252));
          }
        } catch (OscarProtocolException expected) {
          // the one way bad input fails
        }
      }
    }
  }

  @Test
  void createRoomAsAimClientsSendIt() {
    Snac snac = new ChatNavCreateRoom(4, "Lobby").toSnac(7);
    assertEquals("000d00080000" + "00000007" + "0004" + "06" + "637265617465" + "ffff" + "01" + "0003"
        + "00d30005" + "4c6f626279" + "00d60008" + "75732d6173636969" + "00d70002" + "656e", toHex(snac.encode()));
    ChatRoomInfo info = ChatRoomInfo.read(snac.dataBuffer());
    assertEquals(Optional.of("Lobby"), info.name());
    assertEquals(ChatRoomRef.of(4, "create", 0xFFFF), info.room());

    ChatRoomInfo cafe = new ChatNavCreateRoom(4, "Café").toRoomInfo();
    assertEquals(Optional.of("Café"), cafe.name());
    assertEquals(Optional.of("utf-8"), cafe.tlvs().ascii(ChatRoomInfo.TLV_CHARSET));
    assertThrows(IllegalArgumentException.class, () -> new ChatNavCreateRoom(4, " "));
  }

  @Test
  void navigationInfoWithExchangesAndARoom() {
    byte[] room = hex("0004" + "09" + "342d302d4c6f626279" + "0000" + "02" + "0002" + "00d30005" + "4c6f626279"
        + "00d100020400");
    Snac snac = Snac.build(net.icqtransport.oscar.snac.SnacType.CHATNAV_INFO, 9, out -> {
      Tlv.ofU8(0x02, 10).writeTo(out);
      Tlv.ofBytes(0x03, hex("0004" + "0001" + "00d5000101")).writeTo(out);
      Tlv.ofBytes(0x04, room).writeTo(out);
    });
    ChatNavInfo info = ChatNavInfo.decode(snac);
    assertEquals(OptionalLong.of(10), info.maxConcurrentRooms());
    assertEquals(4, info.exchanges().get(0).id());
    assertEquals(1, info.exchanges().get(0).tlvs().unsigned(0xD5).getAsLong());
    ChatRoomInfo lobby = info.rooms().get(0);
    assertEquals(ChatRoomRef.of(4, "4-0-Lobby", 0), lobby.room());
    assertEquals(2, lobby.detailLevel());
    assertEquals(Optional.of("Lobby"), lobby.name());
    assertEquals(OptionalInt.of(1024), lobby.maxMessageLength());

    Snac update = new Snac(0x0E, 0x02, 0, 1, room);
    assertEquals(lobby, ChatRoomInfo.decodeUpdate(update));
  }

  @Test
  void chatServiceRequestCarriesTheRoom() {
    Snac snac = new ChatServiceRequest(ChatRoomRef.of(4, "4-0-Lobby", 0)).toSnac(3);
    assertEquals("00010004000000000003" + "000e" + "0001000e" + "0004" + "09" + "342d302d4c6f626279" + "0000",
        toHex(snac.encode()));
  }

  @Test
  void roomNamesInsideCookies() {
    assertEquals("Lobby", ChatRoomRef.of(4, "4-0-Lobby", 0).nameFromCookie());
    assertEquals("my-room", ChatRoomRef.of(4, "4-0-my-room", 0).nameFromCookie());
    assertEquals("Lobby", ChatRoomRef.of(4, "!aol://2719:10-4-Lobby", 0).nameFromCookie());
    assertEquals("Café", ChatRoomRef.of(4, "4-0-Café", 0).nameFromCookie());
    assertEquals("plain", ChatRoomRef.of(4, "plain", 0).nameFromCookie());
    assertEquals("4-0-", ChatRoomRef.of(4, "4-0-", 0).nameFromCookie());
    assertEquals("\u00e9t\u00e9", new ChatRoomRef(4, new byte[] {(byte) 0xE9, 't', (byte) 0xE9}, 0).nameFromCookie());
    assertThrows(IllegalArgumentException.class, () -> new ChatRoomRef(4, new byte[256], 0));
  }

  @Test
  void messageTextByItsCharset() {
    byte[] ucs2 = "Привет".getBytes(StandardCharsets.UTF_16BE);
    assertEquals("Привет", ChatMessageText.decode("unicode-2-0", ucs2, CP1252));
    assertEquals("Привет", ChatMessageText.decode("text/x-aolrtf; charset=\"unicode-2-0\"", ucs2, CP1252));
    assertEquals("Приве", ChatMessageText.decode("UCS-2", Arrays.copyOf(ucs2, ucs2.length - 1), CP1252));
    assertEquals("Āb", ChatMessageText.decode("unicode-2-0", hex("01000062"), CP1252), "a 0x00 low byte stays");
    assertEquals("ü", ChatMessageText.decode("utf-8", "ü".getBytes(StandardCharsets.UTF_8), CP1252));
    assertEquals("é", ChatMessageText.decode("iso-8859-1", hex("e9"), CP1252));
    assertEquals("€", ChatMessageText.decode(null, hex("80"), CP1252), "no charset: the legacy codepage");
    assertEquals("ü", ChatMessageText.decode(null, "ü".getBytes(StandardCharsets.UTF_8), CP1252), "or UTF-8");
    assertEquals("€", ChatMessageText.decode("us-ascii", hex("80"), CP1252), "8-bit 'ASCII'");
    assertEquals("€", ChatMessageText.decode("x-unknown", hex("80"), CP1252));
    assertEquals("ab", ChatMessageText.decode("us-ascii", hex("616200"), CP1252), "asciiz");

    assertEquals(new ChatMessageText("us-ascii", "en", "abc".getBytes(StandardCharsets.US_ASCII)),
        ChatMessageText.of("abc"));
    assertEquals(new ChatMessageText("unicode-2-0", "en", hex("00e4")), ChatMessageText.of("ä"));
    assertEquals(4, ChatMessageText.encodedLength("äb"));
    assertEquals(2, ChatMessageText.encodedLength("ab"));
  }

  @Test
  void invitationRoundTripAsAChannelTwoProposal() {
    ChatRoomRef lobby = ChatRoomRef.of(4, "4-0-Lobby", 0);
    ChatInvitation invitation = new ChatInvitation(lobby, ChatMessageText.of("Komm zurück"));
    IcbmRendezvous proposal = invitation.toRendezvous(42);
    assertArrayEquals(hex("748f2420628711d18222444553540000"), proposal.capability());
    assertEquals(IcbmRendezvous.PROPOSE, proposal.type());
    assertEquals(List.of(0x0A, 0x0C, 0x0D, 0x0E, 0x2711), proposal.tlvs().tlvs().stream().map(Tlv::type).toList());
    assertEquals(1, proposal.tlvs().u16(0x0A).getAsInt());
    assertArrayEquals(lobby.toBytes(), proposal.tlvs().bytes(0x2711).orElseThrow());

    Snac icbm = new IcbmChannel2Send(42, "222222", proposal, true).toSnac(1);
    IcbmRendezvous sent = IcbmRendezvous.decode(TlvChain.readChain(sliceAfterHeader(icbm)).bytes(0x05).orElseThrow());
    assertTrue(ChatInvitation.isChat(sent));
    ChatInvitation received = ChatInvitation.from(sent).orElseThrow();
    assertEquals(lobby, received.room());
    assertEquals("Komm zurück", received.decodeText(CP1252));

    IcbmRendezvous cancel = new IcbmRendezvous(IcbmRendezvous.CANCEL, 42, ChatInvitation.capability(),
        TlvChain.empty());
    assertEquals(Optional.empty(), ChatInvitation.from(cancel));
    IcbmRendezvous noRoom = new IcbmRendezvous(IcbmRendezvous.PROPOSE, 42, ChatInvitation.capability(),
        TlvChain.of(Tlv.ofAscii(0x0C, "hi")));
    assertEquals(Optional.empty(), ChatInvitation.from(noRoom));
    IcbmRendezvous file = new IcbmRendezvous(IcbmRendezvous.PROPOSE, 42, Capability.SEND_FILE.guid(),
        proposal.tlvs());
    assertFalse(ChatInvitation.isChat(file));
    assertEquals(Optional.empty(), ChatInvitation.from(file));
  }

  /** The TLVs of a 04/06: after cookie, channel and screen name. */
  private static io.netty.buffer.ByteBuf sliceAfterHeader(Snac icbm) {
    io.netty.buffer.ByteBuf in = icbm.dataBuffer();
    in.skipBytes(10);
    in.skipBytes(in.readUnsignedByte());
    return in;
  }
}
