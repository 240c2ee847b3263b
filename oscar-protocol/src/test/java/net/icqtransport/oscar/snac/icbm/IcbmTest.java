package net.icqtransport.oscar.snac.icbm;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

class IcbmTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final String MIXED = "ü Привет 😀";

  @Test
  void channel1SendMatchesTheDump() {
    IcbmChannel1Send send = new IcbmChannel1Send(0x67C315013D3A0000L, "1000000",
        IcbmMessageText.of("test channel 1 message"), false, true);
    assertEquals(toHex(flapPayload(Dumps.ICBM_SEND_CH1)), toHex(send.toSnac(0x00010006).encode()));
  }

  @Test
  void channel1SendAsksForAnAck() {
    Snac snac = new IcbmChannel1Send(1, "100002", IcbmMessageText.of("hi"), true, false).toSnac(9);
    assertTrue(toHex(snac.data()).endsWith("00030000"));
  }

  /** What the transport sends: the dump's message with the ack request (0x03) before the store request (0x06). */
  @Test
  void channel1SendAsksForAnAckAndStorageInTheDumpsOrder() {
    String dump = toHex(flapPayload(Dumps.ICBM_SEND_CH1));
    assertTrue(dump.endsWith("00060000"), dump);
    String expected = dump.substring(0, dump.length() - 8) + "00030000" + "00060000";
    IcbmChannel1Send send = new IcbmChannel1Send(0x67C315013D3A0000L, "1000000",
        IcbmMessageText.of("test channel 1 message"), true, true);
    assertEquals(expected, toHex(send.toSnac(0x00010006).encode()));
  }

  @Test
  void parsesTheReceivedChannel1Dump() {
    IcbmReceived icbm = IcbmReceived.decode(Snac.decode(flapPayload(Dumps.ICBM_RECEIVE_CH1)));
    assertEquals(0x3EBC919E4ABAEFC9L, icbm.cookie());
    assertEquals(1, icbm.channel());
    assertEquals("1000000", icbm.sender().screenName());
    assertEquals(4, icbm.sender().tlvs().size());
    IcbmMessageText text = icbm.text().orElseThrow();
    assertEquals(IcbmMessageText.CHARSET_ASCII, text.charset());
    assertEquals("test plain-text message", text.decode(CP1252));
    assertFalse(icbm.sendTime().isPresent());
  }

  @Test
  void parsesTheAckAndErrorDumps() {
    IcbmServerAck ack = IcbmServerAck.decode(Snac.decode(flapPayload(Dumps.ICBM_ACK)));
    assertEquals(0x000C0006L, ack.requestId());
    assertEquals(0xABA5F529291D0000L, ack.cookie());
    assertEquals("52943127", ack.screenName());
    SnacError error = SnacError.decode(Snac.decode(flapPayload(Dumps.ICBM_ERROR)));
    assertEquals(0x0E, error.code());
    assertEquals(0x14, error.requestId());
  }

  @Test
  void parametersMatchTheDumps() {
    IcbmParameters set = new IcbmParameters(0, 3, 8000, 999, 999, 0, 0);
    assertEquals(toHex(flapPayload(Dumps.ICBM_SET_PARAMS)), toHex(set.toSetSnac(2).encode()));
    IcbmParameters reply = IcbmParameters.decode(Snac.decode(flapPayload(Dumps.ICBM_PARAMS)));
    assertEquals(new IcbmParameters(2, 3, 512, 999, 999, 0, 1000), reply);
    assertEquals(0x0B, IcbmParameters.icqDefaults(1).flags());
  }

  @Test
  void unicodeTextRoundTripsAsUtf16() {
    IcbmMessageText text = IcbmMessageText.of(MIXED);
    assertEquals(IcbmMessageText.CHARSET_UNICODE, text.charset());
    assertEquals(MIXED.length() * 2, text.bytes().length);
    assertEquals(MIXED, IcbmMessageText.fromMessageData(text.toMessageData()).decode(CP1252));
    IcbmChannel1Send send = new IcbmChannel1Send(42, "100002", text, true, false);
    Snac snac = send.toSnac(3);
    // The same bytes, read back as a received message, give the same text.
    byte[] data = snac.data();
    byte[] received = new byte[data.length + 4];
    System.arraycopy(data, 0, received, 0, 8 + 2 + 7);
    received[17] = 0;
    received[18] = 0;
    received[19] = 0;
    received[20] = 0;
    System.arraycopy(data, 17, received, 21, data.length - 17);
    IcbmReceived icbm = IcbmReceived.decode(new Snac(4, 7, 0, 1, received));
    assertEquals(MIXED, icbm.text().orElseThrow().decode(CP1252));
  }

  @Test
  void charsetSelection() {
    assertEquals(IcbmMessageText.CHARSET_ASCII, IcbmMessageText.of("plain ASCII ~").charset());
    assertEquals(IcbmMessageText.CHARSET_UNICODE, IcbmMessageText.of("café").charset());
    assertEquals(IcbmMessageText.CHARSET_UNICODE, IcbmMessageText.of("\u0080").charset());
  }

  /**
   * Issue #16, charset per recipient: Latin-1 text to an AIM contact without the unicode capability goes as
   * ISO-8859-1 (charset 0x0003, language 0x0000), one byte per char; the layout is the dump's (snac_04_06_ch1).
   */
  @Test
  void latin1TextToAnAimContactWithoutUnicodeGoesAsIso88591() {
    IcbmChannel1Send send = new IcbmChannel1Send(0x0102030405060708L, "maryann",
        IcbmMessageText.of("Grüße", true), true, true);
    assertEquals(toHex(HexDump.hex("""
        0004 0006 0000 00010006
        0102030405060708 0001 07 6d617279616e6e
        0002 0012 05 01 0001 01  01 01 0009 0003 0000 47 72 fc df 65
        0003 0000 0006 0000""")), toHex(send.toSnac(0x00010006).encode()));
  }

  /** The same text where the recipient reads unicode (or is a UIN): UTF-16BE, charset 0x0002. */
  @Test
  void theSameTextAsUtf16WhereUnicodeIsRead() {
    IcbmChannel1Send send = new IcbmChannel1Send(0x0102030405060708L, "maryann",
        IcbmMessageText.of("Grüße", false), true, true);
    assertEquals(toHex(HexDump.hex("""
        0004 0006 0000 00010006
        0102030405060708 0001 07 6d617279616e6e
        0002 0017 05 01 0001 01  01 01 000e 0002 0000 0047 0072 00fc 00df 0065
        0003 0000 0006 0000""")), toHex(send.toSnac(0x00010006).encode()));
  }

  /** Text Latin-1 cannot hold is never made lossy: UTF-16BE even where Latin-1 is allowed. */
  @Test
  void textBeyondLatin1GoesAsUtf16EvenToAContactWithoutUnicode() {
    IcbmChannel1Send send = new IcbmChannel1Send(0x0102030405060708L, "maryann",
        IcbmMessageText.of("Привет", true), false, false);
    assertEquals(toHex(HexDump.hex("""
        0004 0006 0000 00000001
        0102030405060708 0001 07 6d617279616e6e
        0002 0019 05 01 0001 01  01 01 0010 0002 0000 041f 0440 0438 0432 0435 0442""")),
        toHex(send.toSnac(1).encode()));
    // ASCII stays ASCII (language 0xFFFF as in the dump) whoever reads it.
    assertEquals("0501000101" + "01010006" + "0000ffff" + "6869", toHex(IcbmMessageText.of("hi", true).toMessageData()));
    // U+20AC (windows-1252 0x80) and the C1 control U+0085 are not printable Latin-1: UTF-16BE.
    assertEquals(IcbmMessageText.CHARSET_UNICODE, IcbmMessageText.of("5 €", true).charset());
    assertEquals(IcbmMessageText.CHARSET_UNICODE, IcbmMessageText.of("a\u0085b", true).charset());
    assertEquals(IcbmMessageText.CHARSET_LOCAL, IcbmMessageText.of("\u00a0¡ÿ", true).charset());
  }

  @Test
  void latin1TextReadsBackAsSent() {
    IcbmMessageText text = IcbmMessageText.of("café über ½", true);
    assertEquals(IcbmMessageText.CHARSET_LOCAL, text.charset());
    assertEquals(11, text.bytes().length);
    assertEquals(11, IcbmMessageText.encodedLength("café über ½", true));
    assertEquals(22, IcbmMessageText.encodedLength("café über ½", false));
    assertEquals("café über ½", IcbmMessageText.fromMessageData(text.toMessageData())
        .decode(StandardCharsets.ISO_8859_1));
    // A windows-1252 reader (our default legacy codepage) reads printable Latin-1 the same.
    assertEquals("café über ½", text.decode(CP1252));
  }

  @Test
  void splitsLatin1TextAtOneBytePerChar() {
    String latin1 = "é".repeat(12_000);
    List<String> parts = IcbmTextSplitter.split(latin1, 8000, true);
    assertEquals(List.of(8000, 4000), parts.stream().map(String::length).toList());
    parts.forEach(p -> assertEquals(p.length(), IcbmMessageText.of(p, true).bytes().length));
    assertEquals(3, IcbmTextSplitter.split(latin1, 8000, false).size(), "UTF-16BE: 4000 chars a part");
    // A char beyond Latin-1 makes its part UTF-16BE, measured as such.
    String mixed = "é".repeat(5000) + "Ж" + "é".repeat(5000);
    List<String> mixedParts = IcbmTextSplitter.split(mixed, 8000, true);
    assertEquals(mixed, String.join("", mixedParts));
    mixedParts.forEach(p -> assertTrue(IcbmMessageText.of(p, true).bytes().length <= 8000, p.length() + " chars"));
  }

  @Test
  void eightBitTextUsesTheLegacyCodepage() {
    byte[] bytes = {'G', (byte) 0xFC, 'n', 't', 'e', 'r', (byte) 0x80};
    assertEquals("Günter€", new IcbmMessageText(IcbmMessageText.CHARSET_LOCAL, 0, bytes).decode(CP1252));
    assertEquals("Günter€", new IcbmMessageText(IcbmMessageText.CHARSET_ASCII, 0, bytes).decode(CP1252));
    byte[] cyrillic = {(byte) 0xCF, (byte) 0xF0, (byte) 0xE8};
    assertEquals("При", new IcbmMessageText(3, 0, cyrillic).decode(Charset.forName("windows-1251")));
    assertEquals("hi", new IcbmMessageText(0, 0, new byte[] {'h', 'i', 0}).decode(CP1252));
  }

  @Test
  void joinsMultipartTextAndRejectsMessagesWithoutText() {
    byte[] data = HexDump.hex("0501000101 0101000600000000 6869 0101000600000000 2121");
    assertEquals("hi!!", IcbmMessageText.fromMessageData(data).decode(StandardCharsets.US_ASCII));
    assertThrows(OscarProtocolException.class, () -> IcbmMessageText.fromMessageData(HexDump.hex("0501000101")));
    assertThrows(OscarProtocolException.class, () -> IcbmMessageText.fromMessageData(HexDump.hex("01010010 0000")));
  }

  @Test
  void sendTimeFromTlv16() {
    IcbmReceived icbm = new IcbmReceived(1, 1, null, TlvChain.of(Tlv.ofU32(0x16, 1_000_000_000L)));
    assertEquals(1_000_000_000L, icbm.sendTime().getAsLong());
  }

  @Test
  void splitsLongTextsWithoutLosingOrBreakingCharacters() {
    String ascii = "word ".repeat(3000);
    List<String> parts = IcbmTextSplitter.split(ascii, 8000);
    assertEquals(2, parts.size());
    assertEquals(ascii, String.join("", parts));
    parts.forEach(p -> assertTrue(IcbmMessageText.of(p).bytes().length <= 8000));
    assertTrue(parts.get(0).endsWith(" "));

    String emoji = "😀".repeat(3000) + MIXED;
    List<String> wide = IcbmTextSplitter.split(emoji, 8000);
    assertEquals(emoji, String.join("", wide));
    for (String p : wide) {
      assertTrue(IcbmMessageText.of(p).bytes().length <= 8000);
      assertFalse(Character.isLowSurrogate(p.charAt(0)));
      assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)));
    }
    assertEquals(List.of(), IcbmTextSplitter.split("", 8000));
    assertEquals(List.of("short"), IcbmTextSplitter.split("short", 8000));
  }
}
