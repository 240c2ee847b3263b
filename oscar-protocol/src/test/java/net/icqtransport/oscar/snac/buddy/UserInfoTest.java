package net.icqtransport.oscar.snac.buddy;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.util.List;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.api.Test;

class UserInfoTest {

  @Test
  void buddyOnlineDump() {
    List<UserInfo> infos = UserInfo.readAll(Snac.decode(flapPayload(Dumps.BUDDY_ONLINE)));
    assertEquals(1, infos.size());
    UserInfo info = infos.get(0);
    assertEquals("3413950", info.screenName());
    assertEquals(7, info.tlvs().size());
    assertEquals(0x20120000L, info.status().getAsLong());
    assertEquals(0x40, info.tlvs().find(0x0D).orElseThrow().length());
  }

  @Test
  void buddyOfflineDump() {
    List<UserInfo> infos = UserInfo.readAll(Snac.decode(flapPayload(Dumps.BUDDY_OFFLINE)));
    assertEquals("32714944", infos.get(0).screenName());
    assertFalse(infos.get(0).status().isPresent());
  }

  @Test
  void severalBlocksInOneSnac() {
    byte[] one = Snac.decode(flapPayload(Dumps.BUDDY_OFFLINE)).data();
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    assertEquals(2, UserInfo.readAll(new Snac(3, 0x0C, 0, 1, two)).size());
  }

  @Test
  void selfInfoDumpLeavesTheBufferAfterTheBlock() {
    ByteBuf in = Snac.decode(flapPayload(Dumps.SELF_INFO)).dataBuffer();
    UserInfo info = UserInfo.read(in);
    assertEquals("6218895", info.screenName());
    assertEquals(0x20130000L, info.status().getAsLong());
    assertEquals(0, in.readableBytes());
  }

  @Test
  void truncatedBlockIsAProtocolError() {
    byte[] data = Snac.decode(flapPayload(Dumps.BUDDY_ONLINE)).data();
    byte[] cut = java.util.Arrays.copyOf(data, data.length - 3);
    assertThrows(OscarProtocolException.class, () -> UserInfo.readAll(new Snac(3, 0x0B, 0, 1, cut)));
  }

  @Test
  void userClassAwayBitAndIdleMinutes() {
    UserInfo icq = UserInfo.readAll(Snac.decode(flapPayload(Dumps.BUDDY_ONLINE))).get(0);
    assertEquals(0x0050, icq.userClass().getAsInt());
    assertFalse(icq.awayByClass());
    assertFalse(icq.idleMinutes().isPresent());

    UserInfo aim = new UserInfo("Mary Ann", 0, net.icqtransport.oscar.tlv.TlvChain.of(
        net.icqtransport.oscar.tlv.Tlv.ofU32(0x01, 0x0030), net.icqtransport.oscar.tlv.Tlv.ofU16(0x04, 42)));
    assertEquals(0x0030, aim.userClass().getAsInt());
    assertTrue(aim.awayByClass());
    assertEquals(42, aim.idleMinutes().getAsInt());
    // Zero minutes is not idle; a malformed class is no class.
    UserInfo odd = new UserInfo("x", 0, net.icqtransport.oscar.tlv.TlvChain.of(
        net.icqtransport.oscar.tlv.Tlv.ofU8(0x01, 0x20), net.icqtransport.oscar.tlv.Tlv.ofU16(0x04, 0)));
    assertFalse(odd.userClass().isPresent());
    assertFalse(odd.awayByClass());
    assertFalse(odd.idleMinutes().isPresent());
  }
}
