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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  private TestFlapClient signOn(String name, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, name, password);
    clients.add(client);
    return client;
  }
}
