package net.icqtransport.oscar.snac.ssi;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

class SsiListTest {

  @Test
  void parsesTheRosterDump() {
    SsiList list = SsiList.decode(Snac.decode(flapPayload(Dumps.SSI_LIST)));
    assertEquals(8, list.items().size());
    assertFalse(list.moreFollow());
    assertEquals(0x3BB74B7DL, list.lastChange());
    SsiItem first = list.items().get(0);
    assertEquals("6218897", first.name());
    assertEquals(0x0A1E, first.groupId());
    assertEquals(0x4318, first.itemId());
    assertEquals(SsiItem.TYPE_BUDDY, first.type());
    assertEquals("FunBoo", first.nickname().orElseThrow());
    List<String> groups = list.items().stream().filter(i -> i.type() == SsiItem.TYPE_GROUP).map(SsiItem::name).toList();
    assertEquals(List.of("Friends", "Co-Workers"), groups);
    SsiItem ghost = list.items().get(6);
    assertEquals("Ghost", ghost.nickname().orElseThrow());
    assertTrue(ghost.tlvs().contains(0x0066));
  }

  @Test
  void checkMatchesTheDump() {
    assertEquals(toHex(flapPayload(Dumps.SSI_CHECK)), toHex(SsiList.checkSnac(0x00010005, 0x3DE74817L, 0xBB).encode()));
  }

  @Test
  void itemRoundTripWithUtf8Nickname() {
    SsiItem item = new SsiItem("100002", 5, 7, SsiItem.TYPE_BUDDY,
        TlvChain.of(Tlv.ofBytes(SsiItem.TLV_NICKNAME, "Jürgen".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    ByteBuf out = Unpooled.buffer();
    item.writeTo(out);
    SsiItem back = SsiItem.read(out);
    assertEquals(item, back);
    assertEquals("Jürgen", back.nickname().orElseThrow());
  }

  @Test
  void moreFlagAndMissingTimestamp() {
    SsiList part = SsiList.decode(new Snac(0x13, 0x06, Snac.FLAG_MORE_REPLIES, 1, new byte[] {0, 0, 0}));
    assertTrue(part.moreFollow());
    assertEquals(-1, part.lastChange());
  }

  @Test
  void truncatedItemIsAProtocolError() {
    assertThrows(OscarProtocolException.class,
        () -> SsiList.decode(new Snac(0x13, 0x06, 0, 1, new byte[] {0, 0, 1, 0, 7, '1'})));
  }
}
