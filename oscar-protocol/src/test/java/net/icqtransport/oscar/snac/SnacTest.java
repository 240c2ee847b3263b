package net.icqtransport.oscar.snac;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.hex;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import org.junit.jupiter.api.Test;

class SnacTest {

  @Test
  void decodesHeaderAndData() {
    Snac snac = Snac.decode(flapPayload(Dumps.ICBM_ERROR));
    assertTrue(snac.is(SnacType.ICBM_ERROR));
    assertTrue(SnacType.isError(snac));
    assertEquals(0x14, snac.requestId());
    assertEquals("000e", toHex(snac.data()));
    assertArrayEquals(flapPayload(Dumps.ICBM_ERROR), snac.encode());
  }

  @Test
  void skipsTheLengthPrefixedBlockOfFlag8000() {
    Snac snac = Snac.decode(hex("0001 0018 8000 0000 0005 0006 0001 0002 0003 00010004 00130004"));
    assertEquals(Snac.FLAG_HAS_PREFIX, snac.flags());
    assertEquals("0001000400130004", toHex(snac.data()));
  }

  @Test
  void requestIdsAreUnsigned() {
    Snac snac = Snac.decode(flapPayload(Dumps.SERVER_FAMILIES));
    assertEquals(0x8295E57AL, snac.requestId());
  }

  @Test
  void truncationsAreProtocolErrors() {
    assertThrows(OscarProtocolException.class, () -> Snac.decode(hex("000100030000000000")));
    assertThrows(OscarProtocolException.class, () -> Snac.decode(hex("00010003800000000000 00")));
    assertThrows(OscarProtocolException.class, () -> Snac.decode(hex("00010003800000000000 0004 0001")));
    assertThrows(OscarProtocolException.class,
        () -> Snac.fromFrame(FlapFrame.of(FlapChannel.SIGNON, hex("00000001"))));
  }

  /** A received frame is read in place ({@link FlapFrame#payloadUnsignedShort}): the same SNAC as from a copy. */
  @Test
  void aFrameReadsAsItsPayloadDoes() {
    for (byte[] payload : java.util.List.of(flapPayload(Dumps.ICBM_ERROR), flapPayload(Dumps.SERVER_FAMILIES),
        hex("0001 0018 8000 0000 0005 0006 0001 0002 0003 00010004 00130004"), hex("0001 0018 8000 0000 0005 0000"))) {
      Snac fromFrame = Snac.fromFrame(FlapFrame.of(FlapChannel.DATA, payload));
      assertEquals(Snac.decode(payload), fromFrame);
      assertEquals(toHex(Snac.decode(payload).data()), toHex(fromFrame.data()));
    }
    for (String truncated : java.util.List.of("000100030000000000", "00010003800000000000 00",
        "00010003800000000000 0004 0001")) {
      assertThrows(OscarProtocolException.class, () -> Snac.fromFrame(FlapFrame.of(FlapChannel.DATA, hex(truncated))));
    }
  }

  @Test
  void encodingKeepsEveryHeaderBitButThePrefixFlag() {
    Snac snac = new Snac(0xFFFE, 0x8001, 0x8001, 0xFEDCBA98L, hex("0102"));
    assertEquals("fffe 8001 0001 fedcba98 0102".replace(" ", ""), toHex(snac.encode()));
    assertEquals(0xFEDCBA98L, Snac.fromFrame(snac.toFrame()).requestId());
  }

  @Test
  void errorSnacWithSubcode() {
    SnacError error = SnacError.decode(Snac.decode(hex("0004 0001 0000 00000007 0004 0008 0002 0001")));
    assertEquals(4, error.code());
    assertEquals(7, error.requestId());
    assertEquals(1, error.subcode().getAsInt());
  }
}
