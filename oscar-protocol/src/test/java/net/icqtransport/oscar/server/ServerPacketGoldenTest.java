package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * What the server sends, byte for byte against the reference dumps (FLAP header included: the encoder starts
 * at the dump's sequence number, the SNAC carries the dump's request id). Where a field necessarily differs
 * from the dump the test says which and how it substitutes it.
 */
class ServerPacketGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void families() {
    assertEncodes(ReferenceDumps.SRV_FAMILIES,
        ServerSnacs.families(0x8295E57AL, List.of(0x01, 0x02, 0x03, 0x04, 0x06, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x13, 0x15)));
  }

  @Test
  void familyVersions() {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    for (int family : new int[] {0x01, 0x02, 0x03, 0x04, 0x06, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x13, 0x15}) {
      versions.put(family, family == 0x01 ? 3 : family == 0x13 ? 4 : 1);
    }
    assertEncodes(ReferenceDumps.SRV_FAMILIES_VERSIONS, ServerSnacs.familyVersions(0x8295E65BL, versions));
  }

  /** The simulator's own classes are the dump's, narrowed to its families: here with all the dump's pairs. */
  @Test
  void rateParams() {
    List<Integer> classOne = new ArrayList<>();
    range(classOne, 0x01, 0x01, 0x21);
    pairs(classOne, 0x02, 0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x08, 0x0A);
    range(classOne, 0x02, 0x0C, 0x15);
    range(classOne, 0x03, 0x01, 0x03);
    range(classOne, 0x03, 0x06, 0x0C);
    range(classOne, 0x04, 0x01, 0x05);
    range(classOne, 0x04, 0x07, 0x14);
    range(classOne, 0x06, 0x01, 0x03);
    range(classOne, 0x08, 0x01, 0x02);
    range(classOne, 0x09, 0x01, 0x04);
    range(classOne, 0x09, 0x09, 0x0B);
    range(classOne, 0x0A, 0x01, 0x03);
    range(classOne, 0x0B, 0x01, 0x04);
    range(classOne, 0x0C, 0x01, 0x03);
    range(classOne, 0x13, 0x01, 0x28);
    range(classOne, 0x15, 0x01, 0x03);
    List<RateClass> classes = new ArrayList<>(RateClasses.REFERENCE);
    RateClass first = classes.get(0);
    classes.set(0, new RateClass(first.id(), first.windowSize(), first.clearLevel(), first.alertLevel(),
        first.limitLevel(), first.disconnectLevel(), first.currentLevel(), first.maxLevel(), first.lastTime(),
        first.currentState(), classOne));
    assertEncodes(ReferenceDumps.SRV_RATE_LIMIT_INFO, ServerSnacs.rateParams(0x06, classes));
    // The default table sends the same class parameters, and for the families offered the same pairs.
    assertEquals(5, RateClasses.REFERENCE.size());
    assertTrue(classOne.containsAll(RateClasses.REFERENCE.get(0).pairs()));
  }

  /**
   * 17/07: the dump's key, but a u16 length. The reference (table and dump) shows a 4-byte length; AOL's
   * servers and the clients written against them use 2 bytes, so the expected bytes are the dump without the
   * two leading zero bytes of the length, with the FLAP length two smaller.
   */
  @Test
  void authKeyHasTwoByteLength() {
    byte[] dump = ReferenceDumps.SRV_AUTH_KEY_RESPONSE;
    byte[] expected = withoutBytes(dump, 16, 2);
    String key = new String(dump, 20, dump.length - 20, StandardCharsets.US_ASCII);
    assertEncodes(expected, ServerSnacs.authKey(0, key));
  }

  /** 17/03 success: the dump's first three TLVs (0x01, 0x05, 0x06 with its cookie); we send no others. */
  @Test
  void loginReplySuccessMatchesTheDumpsFirstTlvs() {
    byte[] dumpData = Arrays.copyOfRange(ReferenceDumps.SRV_LOGIN_REPLY, 16, ReferenceDumps.SRV_LOGIN_REPLY.length);
    TlvChain dumpTlvs = TlvChain.readChain(io.netty.buffer.Unpooled.wrappedBuffer(dumpData));
    byte[] cookie = dumpTlvs.bytes(0x06).orElseThrow();
    assertEquals(256, cookie.length);
    Snac snac = ServerSnacs.loginReply(0, ServerSnacs.loginSuccessTlvs("REALRegressor", "64.12.30.168:443", cookie));
    byte[] ours = snac.data();
    assertArrayEquals(Arrays.copyOf(dumpData, ours.length), ours);
    assertEquals(0x0011, dumpData[ours.length + 1], "the dump goes on with TLV 0x11 (e-mail), which we omit");
  }

  @Test
  void loginReplyErrorShape() {
    Snac snac = ServerSnacs.loginReply(0, ServerSnacs.loginFailureTlvs("6218895", 0x0005, "http://x/"));
    assertEquals("00010007363231383839350008000200050004000968747470" + "3a2f2f782f", HEX.formatHex(snac.data()));
  }

  /** srv_cookie: channel 4, TLVs 0x01, 0x05, 0x06, exactly the dump. */
  @Test
  void channelOneLoginSuccess() {
    byte[] dump = ReferenceDumps.SRV_COOKIE;
    byte[] cookie = Arrays.copyOfRange(dump, dump.length - 256, dump.length);
    assertEncodes(dump, ServerSnacs.channelFour(ServerSnacs.loginSuccessTlvs("777777", "10.10.10.9:5190", cookie)));
  }

  /** auth_failed: the dump ends with TLV 0x0C (unknown, 0x0001), which we do not send; the rest is equal. */
  @Test
  void channelOneLoginFailure() {
    byte[] expected = withoutBytes(ReferenceDumps.AUTH_FAILED, ReferenceDumps.AUTH_FAILED.length - 6, 6);
    assertEncodes(expected, ServerSnacs.channelFour(ServerSnacs.loginFailureTlvs("777777", 0x0005, null)));
  }

  @Test
  void selfInfo() {
    UserInfoBlock self = UserInfoBlocks.self("6218895", 0x0080, 0x20130000L, 4, 0x3DD4CB2FL, 0x3E4CCFDEL, 0x3498DC74L);
    assertEncodes(ReferenceDumps.SRV_ONLINE_INFO, ServerSnacs.selfInfo(0x8295E8FDL, self));
  }

  @Test
  void rightsReplies() {
    assertEncodes(ReferenceDumps.SRV_LOCATION_RIGHTS_REPLY, ServerSnacs.locationRights(2));
    assertEncodes(ReferenceDumps.SRV_BUDDYLIST_RIGHTS_REPLY, ServerSnacs.buddyRights(2));
    assertEncodes(ReferenceDumps.SRV_ICBM_PARAMS, ServerSnacs.icbmParams(4));
    assertEncodes(ReferenceDumps.SRV_PRIVACY_RIGHTS_REPLY, ServerSnacs.privacyRights(2));
    assertEncodes(ReferenceDumps.SRV_SSI_RIGHTS_REPLY, ServerSnacs.ssiRights(2));
  }

  @Test
  void ssiList() {
    List<SsiItem> items = List.of(
        buddy("6218897", 0x0A1E, 0x4318, "FunBoo", false),
        buddy("176333078", 0x17B7, 0x2A18, "E.S.V", false),
        buddy("6218898", 0x238C, 0x12A1, "thord", false),
        new SsiItem("Friends", 0x7FED, 0, SsiItem.TYPE_GROUP, TlvChain.empty()),
        new SsiItem("Co-Workers", 0x557F, 0, SsiItem.TYPE_GROUP, TlvChain.empty()),
        buddy("6218895", 0x238C, 0x0880, "Regressor", false),
        buddy("6251723", 0x238C, 0x0583, "Ghost", true),
        buddy("6213949", 0x238C, 0x269A, "micky", true));
    List<Snac> snacs = ServerSnacs.ssiList(0x0D, items, 0x3BB74B7DL, BosServerHandler.SSI_SNAC_DATA_LIMIT);
    assertEquals(1, snacs.size());
    assertEncodes(ReferenceDumps.SRV_SSI_REPLY, snacs.get(0));
  }

  /** A long list is split: flag 0x0001 and no change time on all parts but the last; counts per part. */
  @Test
  void longSsiListIsSplit() {
    List<SsiItem> items = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      items.add(buddy(Integer.toString(100000 + i), 1, i, "contact number " + i, false));
    }
    List<Snac> snacs = ServerSnacs.ssiList(1, items, 1234, 8000);
    assertTrue(snacs.size() > 1);
    int total = 0;
    for (int i = 0; i < snacs.size(); i++) {
      Snac snac = snacs.get(i);
      boolean last = i == snacs.size() - 1;
      assertEquals(last ? 0 : Snac.FLAG_MORE_REPLIES, snac.flags());
      assertTrue(snac.data().length <= 8000);
      ByteBuf in = snac.dataBuffer();
      assertEquals(0, in.readUnsignedByte());
      int count = in.readUnsignedShort();
      for (int item = 0; item < count; item++) {
        in.skipBytes(in.readUnsignedShort() + 6);
        TlvChain.readLengthPrefixed(in);
      }
      assertEquals(last ? 4 : 0, in.readableBytes());
      total += count;
    }
    assertEquals(500, total);
  }

  @Test
  void ssiUpToDate() {
    assertEncodes(ReferenceDumps.SRV_SSI_UP_TO_DATE, ServerSnacs.ssiUpToDate(0x00010005L, 0x3DE74817L, 0xBB));
  }

  @Test
  void buddyOnline() {
    UserInfoBlock block = UserInfoBlocks.presence("3413950", 0x0050,
        HEX.parseHex("3e4ccf2d00004a68040008707bd55b00000050000000033bffe88a3dcf01513dcef8610000"), 0x3E4CCF2DL,
        0x20120000L,
        HEX.parseHex("094613494c7f11d182224445535400000946134e4c7f11d1822244455354000097b12751243c4334ad22d6abf73f1492"
            + "094613444c7f11d18222444553540000"),
        0x88B4, 0x3DD4427FL);
    assertEncodes(ReferenceDumps.SRV_USER_ONLINE, ServerSnacs.buddyOnline(0x8295E91BL, block));
  }

  @Test
  void buddyOffline() {
    assertEncodes(ReferenceDumps.SRV_USER_OFFLINE, ServerSnacs.buddyOffline(0x82994AACL, "32714944"));
  }

  /** 04/07: the sender block and TLV 0x02 exactly as in the dump (no TLV 0x16: the dump has none). */
  @Test
  void icbmReceive() {
    byte[] dump = ReferenceDumps.SRV_CLIENT_ICBM_CH1;
    byte[] cookie = Arrays.copyOfRange(dump, 16, 24);
    byte[] messageData = Arrays.copyOfRange(dump, dump.length - 0x24, dump.length);
    UserInfoBlock sender = UserInfoBlocks.messageSender("1000000", 0x0050, 0x00010000L, 0x0466, 0);
    assertEncodes(dump, ServerSnacs.icbmReceive(0x9AB38DEBL, cookie, 1, sender,
        TlvChain.of(Tlv.ofBytes(0x02, messageData))));
  }

  @Test
  void icbmErrorAndAck() {
    assertEncodes(ReferenceDumps.SRV_ICBM_ERROR, ServerSnacs.error(0x04, 0x14, 0x000E));
    assertEncodes(ReferenceDumps.SRV_MSG_ACK,
        ServerSnacs.icbmServerAck(0x000C0006L, HEX.parseHex("aba5f529291d0000"), 2, "529431" + "27"));
  }

  @Test
  void typing() {
    assertEncodes(ReferenceDumps.TYPING_NOTIFICATION, ServerSnacs.typing(0x14, new byte[8], 1, "6218895", 2));
  }

  @Test
  void endOfOfflineMessages() {
    assertEncodes(ReferenceDumps.SRV_END_OF_OFFLINE_MSGS, ServerSnacs.offlineMessagesEnd(0x00010002L, 6218895, 2));
  }

  @Test
  void signOnHelloAndKick() {
    assertEquals("00000001", ServerSnacs.signOnHello().payloadHex());
    assertEquals("000900020001", ServerSnacs.signOff(0x0001).payloadHex());
    assertEquals("", ServerSnacs.signOffWithoutReason().payloadHex());
  }

  // ---- helpers ----

  private static SsiItem buddy(String uin, int groupId, int itemId, String nickname, boolean awaitingAuth) {
    TlvChain data = TlvChain.of(Tlv.ofAscii(SsiItem.TLV_NICKNAME, nickname));
    return new SsiItem(uin, groupId, itemId, SsiItem.TYPE_BUDDY, awaitingAuth ? data.with(Tlv.empty(0x0066)) : data);
  }

  /** The dump with {@code count} bytes removed at {@code offset}, FLAP length adjusted. */
  private static byte[] withoutBytes(byte[] dump, int offset, int count) {
    byte[] result = new byte[dump.length - count];
    System.arraycopy(dump, 0, result, 0, offset);
    System.arraycopy(dump, offset + count, result, offset, dump.length - offset - count);
    int length = result.length - 6;
    result[4] = (byte) (length >> 8);
    result[5] = (byte) length;
    return result;
  }

  private static void range(List<Integer> pairs, int family, int first, int last) {
    for (int subtype = first; subtype <= last; subtype++) {
      pairs.add(RateClass.pair(family, subtype));
    }
  }

  private static void pairs(List<Integer> pairs, int family, int... subtypes) {
    for (int subtype : subtypes) {
      pairs.add(RateClass.pair(family, subtype));
    }
  }
}
