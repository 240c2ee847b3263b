package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.awaitTrue;
import static net.icqtransport.oscar.server.FlowSupport.screenName;
import static net.icqtransport.oscar.server.FlowSupport.userInfoTlvs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AIM screen-name accounts beside UINs (OSCAR-SERVERS.md "Contacts and presence"): login however the name is
 * spelled, shown as registered, AIM's user class, and an AIM client's HTML body delivered on demand.
 */
class ScreenNameAccountsFlowTest {
  private static final String MARY = "Mary Ann";
  private static final String BOB = "222222";

  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(MARY, "marypw").account(BOB, "bobpw")
        .contact(BOB, "maryann", "Mary", null).contact(MARY, BOB, "Bob", null)
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  @Test
  void aScreenNameLogsInSpelledAnyWayAndIsShownAsRegisteredWithAimsClass() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    signOn("MARYANN", "marypw");
    awaitTrue(() -> simulator.isOnline("mary ann"));

    ByteBuf online = bob.awaitSnac(0x03, 0x0B).dataBuffer();
    assertEquals(MARY, screenName(online.duplicate()));
    assertEquals(UserInfoBlocks.CLASS_AIM, userInfoTlvs(online).unsigned(0x01).orElseThrow());
  }

  @Test
  void anAimClientsHtmlBodyIsDeliveredAsGiven() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    String html = "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT FACE=\"Arial\">Hi &amp; bye</FONT></BODY></HTML>";
    // The server takes the client-ready (01/02) after signOn returns: deliver once Bob is past it.
    awaitTrue(() -> simulator.isOnline(BOB));

    assertTrue(simulator.deliverMessageAs("maryann", BOB, html));

    ByteBuf in = bob.awaitSnac(0x04, 0x07).dataBuffer();
    in.skipBytes(8);
    assertEquals(1, in.readUnsignedShort());
    ByteBuf sender = in.duplicate();
    assertEquals(MARY, screenName(sender));
    assertEquals(UserInfoBlocks.CLASS_AIM, userInfoTlvs(in).unsigned(0x01).orElseThrow());
    byte[] data = TlvChain.readChain(in).bytes(0x02).orElseThrow();
    byte[] text = html.getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(HexFormat.of().parseHex("0501000101" + "0101" + String.format("%04x", 4 + text.length)
        + "00000000"), java.util.Arrays.copyOf(data, 13));
    assertArrayEquals(text, java.util.Arrays.copyOfRange(data, 13, data.length));

    assertFalse(simulator.deliverMessageAs(BOB, "maryann", "nobody there"), "Mary is offline");
  }

  /**
   * Issue #16: a screen name's offline messages are kept as ICBMs (TLV 0x06) and fetched with 04/10, as Open
   * OSCAR Server does: each as 04/07 from its sender with the TLVs as sent plus TLV 0x16 (when), then 04/17 with
   * the request's id; they are deleted as they are sent.
   */
  @Test
  void aScreenNamesOfflineMessagesAreKeptAsIcbmsAndFetchedWith0410() throws Exception {
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    byte[] data = HexFormat.of().parseHex("0501000101" + "0101000e" + "00020000" + "0047007200fc00df0065");
    long before = java.time.Instant.now().getEpochSecond();
    long stored = bob.send(0x04, 0x06, out -> {
      out.writeLong(0x0102030405060708L);
      out.writeShort(1);
      FlowSupport.writeScreenName(out, "maryann");
      net.icqtransport.oscar.tlv.Tlv.ofBytes(0x02, data).writeTo(out);
      net.icqtransport.oscar.tlv.Tlv.empty(0x03).writeTo(out);
      net.icqtransport.oscar.tlv.Tlv.empty(0x06).writeTo(out);
    });
    assertEquals(stored, bob.awaitSnac(0x04, 0x0C).requestId(), "acknowledged as stored");
    assertEquals(1, simulator.storedOfflineMessages(MARY));

    TestFlapClient mary = signOn(MARY, "marypw");
    awaitTrue(() -> simulator.isOnline(MARY));
    long retrieve = mary.send(0x04, 0x10);
    ByteBuf in = mary.awaitSnac(0x04, 0x07).dataBuffer();
    assertEquals(0x0102030405060708L, in.readLong(), "the sender's cookie");
    assertEquals(1, in.readUnsignedShort());
    assertEquals(BOB, screenName(in));
    assertEquals(0, in.readUnsignedShort(), "warning level");
    assertEquals(0, in.readUnsignedShort(), "a block with the name alone");
    TlvChain tlvs = TlvChain.readChain(in);
    assertArrayEquals(data, tlvs.bytes(0x02).orElseThrow());
    assertFalse(tlvs.contains(0x03) || tlvs.contains(0x06), "the requests to the server are not passed on");
    long sentAt = tlvs.unsigned(0x16).orElseThrow();
    assertTrue(sentAt >= before && sentAt <= java.time.Instant.now().getEpochSecond(), "sent at " + sentAt);
    Snac end = mary.awaitSnac(0x04, 0x17);
    assertEquals(retrieve, end.requestId());
    assertEquals(0, end.data().length);
    assertEquals(0, simulator.storedOfflineMessages(MARY), "deleted as sent");

    long again = mary.send(0x04, 0x10);
    assertEquals(again, mary.awaitSnac(0x04, 0x17).requestId());
    assertTrue(mary.noSnacWithin(Duration.ofMillis(100), 0x04, 0x07), "nothing twice");
  }

  /** 15/03 0x0041 names a sender by UIN: a screen name's message to an offline UIN is refused, not kept. */
  @Test
  void aScreenNamesMessageToAnOfflineUinIsRefused() throws Exception {
    TestFlapClient mary = signOn(MARY, "marypw");
    long id = mary.send(0x04, 0x06, out -> {
      out.writeLong(1);
      out.writeShort(1);
      FlowSupport.writeScreenName(out, BOB);
      net.icqtransport.oscar.tlv.Tlv.ofBytes(0x02, HexFormat.of().parseHex("05010001010101000600000000" + "6869"))
          .writeTo(out);
      net.icqtransport.oscar.tlv.Tlv.empty(0x06).writeTo(out);
    });
    Snac error = mary.awaitSnac(0x04, 0x01);
    assertEquals(id, error.requestId());
    assertEquals(4, error.dataBuffer().readUnsignedShort());
    assertEquals(0, simulator.storedOfflineMessages(BOB));
  }

  private TestFlapClient signOn(String name, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, name, password);
    clients.add(client);
    return client;
  }
}
