package net.icqtransport.oscar.oft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The OFT2 checksum, against values computed with libpurple's algorithm outside Java. */
class OftChecksumTest {

  private static byte[] pattern(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    return bytes;
  }

  @Test
  void knownValues() {
    assertEquals(0xFFFF0000L, OftChecksum.of(new byte[0]));
    assertEquals(0xBC2D0000L, OftChecksum.of("hello".getBytes()));
    assertEquals(0x8E3A0000L, OftChecksum.of(pattern(1001)));
  }

  @Test
  void chunksOfOddLengthGiveTheSameSum() {
    byte[] data = pattern(1001);
    for (int split = 0; split <= data.length; split += 77) {
      OftChecksum sum = new OftChecksum().update(data, 0, split).update(data, split, data.length - split);
      assertEquals(0x8E3A0000L, sum.value(), "split at " + split);
    }
  }
}
