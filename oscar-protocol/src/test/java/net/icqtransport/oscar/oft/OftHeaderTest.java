package net.icqtransport.oscar.oft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** OFT2 header layout (libpurple oft.c OftFrame): golden bytes, round trips, refusals. */
class OftHeaderTest {

  /** A prompt for "hello.txt", 5 bytes, written field by field from the layout table. */
  private static final String PROMPT_HELLO = String.join("",
      "4f465432", "0100", "0101", "0000000000000000",        // magic, length 256, PROMPT, cookie 0
      "0000", "0000", "0001", "0001", "0001", "0001",          // encryption, compression, files, left, parts, left
      "00000005", "00000005", "5f5e1000", "bc2d0000",          // total size, size, mtime, checksum
      "ffff0000", "00000000", "00000000", "ffff0000",          // rf received sum, rf size, ctime, rf sum
      "00000000", "ffff0000",                                  // bytes received, received checksum
      "436f6f6c2046696c6558666572" + "00".repeat(19),        // "Cool FileXfer", 32 bytes
      "20", "1c", "11", "00".repeat(69), "00".repeat(16),      // flags, list offsets, dummy, Mac info
      "0000", "0000",                                          // name encoding ASCII, language
      "68656c6c6f2e747874" + "00".repeat(55));                 // "hello.txt", 64 bytes

  @Test
  void promptMatchesGoldenBytes() {
    OftHeader prompt = OftHeader.prompt("hello.txt", 5, OftChecksum.of("hello".getBytes()), 0x5F5E1000L);
    assertEquals(PROMPT_HELLO, HexFormat.of().formatHex(prompt.toBytes()));
    assertEquals(256, prompt.length());
  }

  @Test
  void goldenBytesDecode() {
    OftHeader header = OftHeader.decode(HexFormat.of().parseHex(PROMPT_HELLO));
    assertEquals(OftType.PROMPT, header.type());
    assertEquals("hello.txt", header.fileName());
    assertEquals(5, header.size());
    assertEquals(0xBC2D0000L, header.checksum());
    assertEquals("Cool FileXfer", header.idString());
  }

  @Test
  void acknowledgeAndDoneRoundTrip() throws Exception {
    OftHeader prompt = OftHeader.prompt("report.pdf", 123_456, 0x8E3A0000L, 1);
    OftHeader ack = prompt.acknowledge(0x0102030405060708L);
    OftHeader done = ack.done(123_456, 0x8E3A0000L);
    for (OftHeader header : new OftHeader[] {prompt, ack, done}) {
      byte[] bytes = header.toBytes();
      assertEquals(header, OftHeader.decode(bytes));
      assertEquals(header, OftHeader.read(new ByteArrayInputStream(bytes)));
    }
    assertEquals(OftType.DONE, done.type());
    assertEquals(0x0102030405060708L, done.cookie());
    assertEquals(0, done.filesLeft());
    assertEquals(OftHeader.FLAG_DONE, done.flags());
    assertArrayEquals(HexFormat.of().parseHex("0202"), Arrays.copyOfRange(ack.toBytes(), 6, 8));
  }

  @Test
  void unicodeNamesTravelAsUtf16AndLongNamesLengthenTheHeader() {
    OftHeader cyrillic = OftHeader.prompt("фото.jpg", 1, OftChecksum.INITIAL, 0);
    assertEquals(OftHeader.ENCODING_UTF16BE, cyrillic.nameEncoding());
    assertEquals(cyrillic, OftHeader.decode(cyrillic.toBytes()));
    OftHeader longName = OftHeader.prompt("x".repeat(100) + ".txt", 1, OftChecksum.INITIAL, 0);
    assertEquals(192 + 105, longName.toBytes().length);
    assertEquals(longName, OftHeader.decode(longName.toBytes()));
  }

  @Test
  void refusesBadMagicBadLengthUnknownTypeAndTruncation() {
    byte[] good = HexFormat.of().parseHex(PROMPT_HELLO);
    byte[] magic = good.clone();
    magic[3] = '1';
    assertThrows(OftException.class, () -> OftHeader.read(new ByteArrayInputStream(magic)));
    byte[] shortLength = good.clone();
    shortLength[4] = 0;
    shortLength[5] = 0x10;
    assertThrows(OftException.class, () -> OftHeader.read(new ByteArrayInputStream(shortLength)));
    byte[] type = good.clone();
    type[7] = 0x09;
    assertThrows(OftException.class, () -> OftHeader.decode(type));
    assertThrows(EOFException.class,
        () -> OftHeader.read(new ByteArrayInputStream(Arrays.copyOf(good, 200))));
  }
}
