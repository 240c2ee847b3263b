package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * The SNACs of list edits, authorization, ICQ meta replies, offline messages, service redirect, BART, rate
 * changes and ICBM relays, byte for byte against the reference dumps (FLAP header included). Where a field
 * necessarily differs the test says which.
 */
class ExtendedServerPacketGoldenTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long REGRESSOR = 6218895;

  /** 13/0E: the dump's flags are 0x8000 without a prefix block; we send flags 0 (see SsiSnacs). */
  @Test
  void ssiEditResults() {
    byte[] expected = ReferenceDumps.SRV_SSI_MOD_ACK.clone();
    expected[10] = 0;
    assertEncodes(expected, SsiSnacs.editResults(0x00040008L, List.of(0)));
  }

  @Test
  void authorizationSnacs() {
    assertEncodes(ReferenceDumps.SRV_AUTH_REQUEST, SsiSnacs.authorizationRequest(0x00010019L, "6218895", ascii("please")));
    assertEncodes(ReferenceDumps.SRV_AUTH_REPLY, SsiSnacs.authorizationReply(0x0001001BL, "6218895", false, ascii("sorry")));
    assertEncodes(ReferenceDumps.SRV_FUTURE_AUTH_GRANTED,
        SsiSnacs.futureAuthorizationGranted(0x99D00762L, "4678812", ascii("sure")));
    assertEncodes(ReferenceDumps.SRV_YOU_WERE_ADDED, SsiSnacs.youWereAdded(0x0001001CL, "6218895"));
  }

  @Test
  void offlineMessage() {
    byte[] dump = ReferenceDumps.SRV_OFFLINE_MESSAGE;
    byte[] text = Arrays.copyOfRange(dump, 0x2C, dump.length - 1);
    assertEquals("test plaintext offline message from \r\nuin1001", new String(text, 0, 45, StandardCharsets.US_ASCII));
    OfflineMessage message = new OfflineMessage(1001, Instant.parse("2002-12-12T06:29:00Z"), 0x01, 0x00, text);
    assertEncodes(dump, IcqMetaSnacs.offlineMessage(0x00010002L, REGRESSOR, 2, message));
  }

  @Test
  void basicInfo() {
    UserDetails d = new UserDetails("Regressor", "Alexandr", "Shutko", "AVshutko@mail.khstu.ru", "Khabarovsk", "St",
        "+7 (902) 111111", "+7 (4212) 222222", "HomeAddress", "+7 (902) 3333333 SMS", "99999", 7, 0xEC, true, false,
        0, 0, "", 0, 0, 0, null, "");
    assertEncodes(ReferenceDumps.META_BASIC_USERINFO, IcqMetaSnacs.meta(0x00170002L, true, REGRESSOR, 0x22,
        IcqMetaSnacs.BASIC_INFO, out -> IcqMetaSnacs.basicInfo(out, d)));
  }

  /** 0x00DC: the dump has no time-zone byte after the origin country, though the table lists one. */
  @Test
  void moreInfo() {
    UserDetails d = new UserDetails("", "", "", "", "", "", "", "", "", "", "", 0, 0, false, false, 54, 2,
        "http://home.web.page", 1979, 3, 14, new int[] {0x26, 0x0C, 0x0D}, "");
    assertEncodes(ReferenceDumps.META_MORE_USERINFO, IcqMetaSnacs.meta(0x001D0002L, true, REGRESSOR, 0x2F,
        IcqMetaSnacs.MORE_INFO, out -> IcqMetaSnacs.moreInfo(out, d)));
  }

  @Test
  void notes() {
    UserDetails d = UserDetails.basic("", "", "", "", "", 0, 0, 0, "user notes", "", false);
    assertEncodes(ReferenceDumps.META_NOTES_USERINFO, IcqMetaSnacs.meta(0x001F0002L, true, REGRESSOR, 0x33,
        IcqMetaSnacs.NOTES, out -> IcqMetaSnacs.notes(out, d)));
  }

  @Test
  void shortInfo() {
    UserDetails d = UserDetails.basic("NickName", "FirstName", "LastName", "Email@email.ru", "", 0, 0, 2, "", "", true);
    assertEncodes(ReferenceDumps.META_SHORT_USERINFO, IcqMetaSnacs.meta(0x002E0002L, false, REGRESSOR, 0x4D,
        IcqMetaSnacs.SHORT_INFO, out -> IcqMetaSnacs.shortInfo(out, d)));
  }

  @Test
  void searchResults() {
    UserDetails first = UserDetails.basic("Regressor2", "Alexandr", "Moskor", "sanya@kpsm.khstu.ru", "", 0, 0, 0, "",
        "", true);
    assertEncodes(ReferenceDumps.META_USER_FOUND, IcqMetaSnacs.meta(0x00060002L, true, REGRESSOR, 7,
        IcqMetaSnacs.USER_FOUND, out -> IcqMetaSnacs.found(out, 6218896, first, 0, null)));
    UserDetails last = UserDetails.basic("Regressor", "Alexandr", "Shutko", "AVshutko@mail.khstu.ru", "", 0, 0, 0, "",
        "", true);
    assertEncodes(ReferenceDumps.META_LAST_USER_FOUND, IcqMetaSnacs.meta(0x00060002L, false, REGRESSOR, 7,
        IcqMetaSnacs.LAST_USER_FOUND, out -> IcqMetaSnacs.found(out, REGRESSOR, last, 2, 0L)));
  }

  @Test
  void processingError() {
    assertEncodes(ReferenceDumps.META_PROCESSING_ERROR, IcqMetaSnacs.meta(0x00170002L, false, REGRESSOR, 0x5B2E,
        IcqMetaSnacs.PROCESSING_ERROR,
        out -> IcqMetaSnacs.processingError(out, "Sorry, but IServerd SMS messages not implemented yet...")));
  }

  @Test
  void serviceRedirect() {
    assertEncodes(ReferenceDumps.SRV_REDIRECT_SERVICE, ServerSnacs.serviceRedirect(0x8ECDB197L, 0x0D,
        "10.10.10.8:5190", ascii("123456789ABCDEF")));
  }

  /** 10/03: the hash in the dump is the MD5 of the icon the 10/02 dump uploads; we compute it the same. */
  @Test
  void iconUploadAck() throws Exception {
    byte[] upload = ReferenceDumps.CLI_ICON_UPLOAD;
    ByteBuf in = Unpooled.wrappedBuffer(upload, 16, upload.length - 16);
    in.readUnsignedShort();
    byte[] icon = new byte[in.readUnsignedShort()];
    in.readBytes(icon);
    assertEquals(0, in.readableBytes());
    byte[] md5 = MessageDigest.getInstance("MD5").digest(icon);
    assertArrayEquals(md5, SimulatorState.md5(icon));
    assertEncodes(ReferenceDumps.SRV_ICON_UPLOAD_ACK, BartSnacs.uploadAck(0x00010002L, md5));
  }

  /** 10/07: the dump elides most of the JPEG, so the header up to and including the icon length is compared. */
  @Test
  void icqIconReplyHeader() {
    byte[] md5 = HEX.parseHex("ec7b6067cfd101990cbd33f900fc4b9b");
    byte[] icon = new byte[0x160B];
    byte[] ours = BartSnacs.icqIconReply(0x5D2E0006L, "344059179", md5, icon).encode();
    String expectedHeader = "0010000700005d2e0006" + "09333434303539313739" + "00010110" + HEX.formatHex(md5) + "00"
        + "00010110" + HEX.formatHex(md5) + "160b";
    assertEquals(expectedHeader, HEX.formatHex(ours, 0, expectedHeader.length() / 2));
    assertEquals(expectedHeader.length() / 2 + icon.length, ours.length);
  }

  @Test
  void rateLimitWarning() {
    RateClass classThree = new RateClass(3, 20, 5100, 5000, 4000, 3000, 0x1317, 6000, 0, 0, List.of());
    assertEncodes(ReferenceDumps.SRV_RATE_LIMIT_WARN, ServerSnacs.rateChange(0x851B5765L, 2, classThree));
  }

  /** 04/0B: relayed as the client sent it; only the screen name is the sender's, here the dump's own. */
  @Test
  void clientAckRelay() {
    byte[] dump = ReferenceDumps.CLI_ICBM_SENDxACK;
    IcbmClientAck ack = IcbmClientAck.parse(Snac.decode(Arrays.copyOfRange(dump, 6, dump.length)));
    assertEquals("6218895", ack.screenName());
    assertEquals(3, ack.reason());
    assertEncodes(dump, IcbmSnacs.clientAck(0x0B, ack.withScreenName("6218895")));
  }

  /** 04/07 channel 4: the sender block and TLV 0x05 exactly as the dump. */
  @Test
  void channelFourReceive() {
    byte[] dump = ReferenceDumps.SRV_CLIENT_ICBM_CH4;
    byte[] cookie = Arrays.copyOfRange(dump, 16, 24);
    byte[] block = Arrays.copyOfRange(dump, dump.length - 0x28, dump.length);
    UserInfoBlock sender = UserInfoBlocks.messageSender("1000000", 0x0050, 0x00010000L, 0xD2, 0);
    assertEncodes(dump, ServerSnacs.icbmReceive(0x9AB38DEBL, cookie, 4, sender,
        TlvChain.of(new net.icqtransport.oscar.tlv.Tlv(0x05, block))));
  }

  /** 04/06 channel 2 as the dump sends it: the TLV 0x05 rendezvous block is what the recipient gets. */
  @Test
  void channelTwoSendKeepsTheRendezvousBlockForRelay() {
    byte[] dump = ReferenceDumps.CLI_SEND_ICBM_CH2;
    IcbmSendRequest request = IcbmSendRequest.parse(Snac.decode(Arrays.copyOfRange(dump, 6, dump.length)));
    assertEquals(2, request.channel());
    assertEquals("123456789", request.recipient());
    assertEquals(List.of(0x05), request.relayedTlvs().tlvs().stream().map(t -> t.type()).toList());
    byte[] rendezvous = request.relayedTlvs().bytes(0x05).orElseThrow();
    assertEquals(0x73, rendezvous.length);
    assertArrayEquals(Arrays.copyOfRange(dump, 16, 24), Arrays.copyOfRange(rendezvous, 2, 10), "same cookie");
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
