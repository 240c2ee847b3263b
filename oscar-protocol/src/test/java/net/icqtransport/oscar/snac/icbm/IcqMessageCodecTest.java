package net.icqtransport.oscar.snac.icbm;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static net.icqtransport.oscar.GoldenFrames.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.location.Capability;
import org.junit.jupiter.api.Test;

/** Typing (04/14), channel-2 and channel-4 ICBMs (04/06, 04/07) and client acks (04/0B) against the dumps. */
class IcqMessageCodecTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final byte[] NO_TRAILER = new byte[0];

  @Test
  void typingMatchesTheDumpBothWays() {
    IcbmTyping typing = new IcbmTyping(1, "6218895", IcbmTyping.BEGUN);
    assertEncodes(MessagingDumps.ICBM_TYPING, typing.toSnac(0x14));
    assertEquals(typing, IcbmTyping.decode(decode(MessagingDumps.ICBM_TYPING)));
  }

  @Test
  void parsesTheReceivedChannel2Dump() {
    IcbmReceived icbm = IcbmReceived.decode(decode(MessagingDumps.ICBM_RECEIVE_CH2));
    assertEquals(2, icbm.channel());
    assertEquals("1234567", icbm.sender().screenName());
    IcbmRendezvous rendezvous = icbm.rendezvous().orElseThrow();
    assertEquals(IcbmRendezvous.PROPOSE, rendezvous.type());
    assertEquals(icbm.cookie(), rendezvous.cookie());
    assertTrue(rendezvous.isServerRelay());
    IcqServerRelayMessage message = rendezvous.serverRelayMessage().orElseThrow();
    assertFalse(message.isPlugin());
    assertEquals(8, message.protocolVersion());
    assertEquals(0xFFE3, message.counter());
    assertEquals(IcqMessageTypes.PLAIN, message.messageType());
    assertEquals(0x21, message.priority());
    String text = new String(message.text(), CP1252);
    assertTrue(text.startsWith("{\\rtf1\\ansi") && text.endsWith("}\r\n"), text);
    assertEquals("{97B12751-243C-4334-AD22-D6ABF73F1492}", message.capabilityString().orElseThrow());
  }

  @Test
  void channel2SendMatchesTheDump() {
    long cookie = 0xCCEB5400F7070000L;
    IcqServerRelayMessage message = new IcqServerRelayMessage(8, new byte[16], 3, 0xFFFB, IcqMessageTypes.PLAIN, 0,
        0, 0x21, "Test message.".getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex("00000000ffffff00"));
    IcbmChannel2Send send = new IcbmChannel2Send(cookie, "123456789", IcbmRendezvous.serverRelay(cookie, message), true);
    assertEncodes(MessagingDumps.ICBM_SEND_CH2, send.toSnac(0x000F0006));
  }

  @Test
  void clientAckMatchesTheDumpBothWays() {
    IcqServerRelayMessage reply = new IcqServerRelayMessage(7, new byte[16], 3, 7, IcqMessageTypes.AUTO_OCCUPIED,
        IcqMessageTypes.FLAGS_AUTO_MESSAGE, 0, 0, "User is currently Occupied".getBytes(StandardCharsets.US_ASCII),
        NO_TRAILER);
    IcbmClientAck ack = new IcbmClientAck(0xF33AC10C70180000L, 2, "6218895", IcbmClientAck.REASON_CHANNEL_SPECIFIC,
        reply.toBytes());
    assertEncodes(MessagingDumps.ICBM_CLIENT_ACK, ack.toSnac(0x0B));
    IcbmClientAck parsed = IcbmClientAck.decode(decode(MessagingDumps.ICBM_CLIENT_ACK));
    assertEquals(ack.cookie(), parsed.cookie());
    assertEquals(reply, IcqServerRelayMessage.decode(parsed.data()));
    assertFalse(parsed.toString().contains("Occupied"));
  }

  @Test
  void parsesTheReceivedChannel4Dump() {
    IcbmReceived icbm = IcbmReceived.decode(decode(MessagingDumps.ICBM_RECEIVE_CH4));
    assertEquals(4, icbm.channel());
    IcqChannel4Data data = icbm.channel4Data().orElseThrow();
    assertEquals(1000000, data.uin());
    assertEquals(IcqMessageTypes.URL, data.type());
    assertEquals(List.of("Url description", "http://test.url"), data.fields(CP1252));
  }

  @Test
  void channel4DataMatchesTheSendDump() {
    Snac snac = decode(MessagingDumps.ICBM_SEND_CH4);
    byte[] text = "This is the test url message to an old client\u00FEhttp://http.test.url".getBytes(CP1252);
    IcqChannel4Data data = new IcqChannel4Data(6218895, IcqMessageTypes.URL, 0, text);
    String tlv = "0005004b" + HexFormat.of().formatHex(data.toBytes());
    assertTrue(HexFormat.of().formatHex(snac.data()).contains(tlv));
    assertEquals(data, IcqChannel4Data.decode(data.toBytes()));
  }

  @Test
  void capabilityStringsAndTheUtf8Marker() {
    assertEquals("{0946134E-4C7F-11D1-8222-444553540000}", Capability.UTF8.guidString());
    byte[] guid = Capability.UTF8.guidString().getBytes(StandardCharsets.US_ASCII);
    byte[] trailer = new byte[12 + guid.length];
    trailer[8] = (byte) guid.length;
    System.arraycopy(guid, 0, trailer, 12, guid.length);
    IcqServerRelayMessage message = IcqServerRelayMessage.of(0xFFFF, IcqMessageTypes.PLAIN, 0, 0, 1,
        "ü".getBytes(StandardCharsets.UTF_8), trailer);
    IcqServerRelayMessage parsed = IcqServerRelayMessage.decode(message.toBytes());
    assertEquals(Capability.UTF8.guidString(), parsed.capabilityString().orElseThrow());
    assertArrayEquals("ü".getBytes(StandardCharsets.UTF_8), parsed.text());
  }

  @Test
  void truncatedBlocksAreProtocolErrors() {
    IcqServerRelayMessage message = IcqServerRelayMessage.of(0xFFFF, IcqMessageTypes.AUTO_AWAY,
        IcqMessageTypes.FLAGS_AUTO_MESSAGE, 1, 1, "away".getBytes(StandardCharsets.US_ASCII), NO_TRAILER);
    byte[] bytes = message.toBytes();
    for (int cut = 0; cut < bytes.length; cut++) {
      byte[] part = Arrays.copyOf(bytes, cut);
      assertThrows(OscarProtocolException.class, () -> IcqServerRelayMessage.decode(part), "cut at " + cut);
    }
    byte[] channel4 = new IcqChannel4Data(100002, 1, 0, new byte[] {'h', 'i'}).toBytes();
    for (int cut = 0; cut < channel4.length - 1; cut++) {
      byte[] part = Arrays.copyOf(channel4, cut);
      assertThrows(OscarProtocolException.class, () -> IcqChannel4Data.decode(part), "cut at " + cut);
    }
    assertThrows(OscarProtocolException.class, () -> IcbmRendezvous.decode(new byte[] {0, 0, 1, 2, 3}));
    assertThrows(OscarProtocolException.class,
        () -> IcbmTyping.decode(new Snac(0x04, 0x14, 0, 1, new byte[10])));
    assertThrows(OscarProtocolException.class,
        () -> IcbmClientAck.decode(new Snac(0x04, 0x0B, 0, 1, new byte[11])));
  }
}
