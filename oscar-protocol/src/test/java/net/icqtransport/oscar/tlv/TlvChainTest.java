package net.icqtransport.oscar.tlv;

import static net.icqtransport.oscar.HexDump.hex;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import net.icqtransport.oscar.OscarProtocolException;
import org.junit.jupiter.api.Test;

class TlvChainTest {
  private static final TlvChain CHAIN = TlvChain.of(
      Tlv.ofAscii(0x01, "777777"), Tlv.ofU16(0x08, 5), Tlv.ofU32(0x06, 0x20030020L), Tlv.empty(0x03),
      Tlv.ofU8(0x4A, 1));

  @Test
  void chainRoundTrip() {
    ByteBuf out = Unpooled.buffer();
    CHAIN.writeChain(out);
    assertEquals("00010006373737373737" + "000800020005" + "0006000420030020" + "00030000" + "004a000101",
        toHex(ByteBufUtil.getBytes(out)));
    TlvChain back = TlvChain.readChain(out);
    assertEquals(CHAIN, back);
    assertEquals("777777", back.ascii(0x01).orElseThrow());
    assertEquals(5, back.u16(0x08).getAsInt());
    assertEquals(0x20030020L, back.unsigned(0x06).getAsLong());
    assertEquals(1, back.unsigned(0x4A).getAsLong());
    assertFalse(back.contains(0x02));
  }

  @Test
  void blockRoundTripStopsAfterCount() {
    ByteBuf out = Unpooled.buffer();
    CHAIN.writeBlock(out);
    out.writeBytes(hex("cafe"));
    assertEquals(5, out.getUnsignedShort(0));
    assertEquals(CHAIN, TlvChain.readBlock(out));
    assertEquals(2, out.readableBytes());
  }

  @Test
  void lengthPrefixedRoundTrip() {
    ByteBuf out = Unpooled.buffer();
    CHAIN.writeLengthPrefixed(out);
    out.writeByte(0x77);
    assertEquals(out.readableBytes() - 3, out.getUnsignedShort(0));
    assertEquals(CHAIN, TlvChain.readLengthPrefixed(out));
    assertEquals(1, out.readableBytes());
  }

  @Test
  void firstOfARepeatedTypeWins() {
    TlvChain chain = TlvChain.of(Tlv.ofU16(0x09, 1), Tlv.ofU16(0x09, 2));
    assertEquals(1, chain.u16(0x09).getAsInt());
  }

  @Test
  void truncationsRaiseProtocolErrors() {
    assertThrows(OscarProtocolException.class, () -> TlvChain.readChain(Unpooled.wrappedBuffer(hex("000100"))));
    assertThrows(OscarProtocolException.class,
        () -> TlvChain.readChain(Unpooled.wrappedBuffer(hex("0001000537373737"))));
    assertThrows(OscarProtocolException.class, () -> TlvChain.readBlock(Unpooled.wrappedBuffer(hex("0002000100"
        + "0137"))));
    assertThrows(OscarProtocolException.class, () -> TlvChain.readBlock(Unpooled.wrappedBuffer(hex("00"))));
    assertThrows(OscarProtocolException.class,
        () -> TlvChain.readLengthPrefixed(Unpooled.wrappedBuffer(hex("0010000100"))));
  }

  @Test
  void numbersOfTheWrongSizeAreProtocolErrors() {
    assertThrows(OscarProtocolException.class, () -> Tlv.ofBytes(1, new byte[3]).asUnsigned());
    assertThrows(OscarProtocolException.class, () -> Tlv.ofU32(1, 1).asU16());
  }

  @Test
  void toStringHidesValues() {
    assertTrue(Tlv.ofAscii(0x02, "secret").toString().contains("6 bytes"));
    assertFalse(Tlv.ofAscii(0x02, "secret").toString().contains("secret"));
  }
}
