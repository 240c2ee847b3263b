package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.awaitTrue;
import static net.icqtransport.oscar.server.FlowSupport.metaChunk;
import static net.icqtransport.oscar.server.FlowSupport.metaRequest;
import static net.icqtransport.oscar.server.FlowSupport.writeScreenName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offline messages as ICQ kept them: stored on TLV 0x06, delivered by 15/02 0x003C, deleted only by 0x003E. */
class OfflineMessageFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final String BOT = "999999";

  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw").account(BOB, "bobpw").echoBot(BOT)
        .offlineMessage("333333", BOB, "seeded", Instant.parse("2002-12-12T06:29:00Z"))
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  @Test
  void storedWithTlvSixDeliveredRedeliveredThenDeleted() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long stored = send(alice, BOB, 1, textData(0x0000, "hello, Bob".getBytes(StandardCharsets.US_ASCII)), true, true);
    assertEquals(stored, alice.awaitSnac(0x04, 0x0C).requestId());
    send(alice, BOB, 1, textData(0x0002, "h\u00e9".getBytes(StandardCharsets.UTF_16BE)), false, true);
    long refused = send(alice, BOB, 1, textData(0, "lost".getBytes(StandardCharsets.US_ASCII)), true, false);
    Snac error = alice.awaitSnac(0x04, 0x01);
    assertEquals(refused, error.requestId());
    assertEquals(4, error.dataBuffer().readUnsignedShort());
    ByteBuf ch4 = Unpooled.buffer().writeIntLE(111111).writeByte(0x04).writeByte(0).writeShortLE(11);
    ch4.writeBytes("desc\u00fehttp:\0".getBytes(StandardCharsets.ISO_8859_1));
    byte[] ch4Data = new byte[ch4.readableBytes()];
    ch4.readBytes(ch4Data);
    send(alice, BOB, 4, ch4Data, false, true);

    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    // The channel-4 0xFE field separator is kept as the 8-bit byte sent (so it is no UTF-8 here).
    List<String> first = fetch(bob, 7);
    assertEquals(List.of("333333 1 0 2002-12-12 06:29 seeded", "111111 1 0 now hello, Bob",
        "111111 1 0 now h\u00e9", "111111 4 0 now desc\ufffdhttp:"), first.stream()
        .map(s -> s.replaceFirst(" 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d (?!seeded)", " now ")).toList());
    assertEquals(first, fetch(bob, 8), "no 0x003E: the same messages again");
    metaRequest(bob, 222222, 0x003E, 9, -1, out -> { });
    assertEquals(List.of(), fetch(bob, 10));
  }

  /** 15/02 0x003C; returns "sender type flags yyyy-MM-dd HH:mm text" per 0x0041 (text decoded as UTF-8). */
  private static List<String> fetch(TestFlapClient client, int sequence) throws InterruptedException {
    long id = metaRequest(client, 222222, 0x003C, sequence, -1, out -> { });
    List<String> messages = new ArrayList<>();
    while (true) {
      Snac reply = client.awaitSnac(0x15, 0x03);
      assertEquals(id, reply.requestId());
      ByteBuf in = metaChunk(reply);
      assertEquals(222222, in.readUnsignedIntLE());
      int type = in.readUnsignedShortLE();
      assertEquals(sequence, in.readUnsignedShortLE());
      if (type == 0x0042) {
        assertEquals(0, reply.flags());
        return messages;
      }
      assertEquals(0x0041, type);
      assertEquals(1, reply.flags() & 1, "more replies follow");
      long sender = in.readUnsignedIntLE();
      String date = "%04d-%02d-%02d %02d:%02d".formatted(in.readUnsignedShortLE(), in.readUnsignedByte(),
          in.readUnsignedByte(), in.readUnsignedByte(), in.readUnsignedByte());
      int msgType = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      String text = FlowSupport.readLeString(in);
      assertEquals(0, in.readableBytes());
      messages.add(sender + " " + msgType + " " + flags + " " + date + " " + text);
    }
  }

  private static long send(TestFlapClient from, String to, int channel, byte[] data, boolean ack, boolean store) {
    return from.send(0x04, 0x06, out -> {
      out.writeLong(System.nanoTime());
      out.writeShort(channel);
      writeScreenName(out, to);
      Tlv.ofBytes(channel == 1 ? 0x02 : 0x05, data).writeTo(out);
      if (ack) {
        Tlv.empty(0x03).writeTo(out);
      }
      if (store) {
        Tlv.empty(0x06).writeTo(out);
      }
    });
  }

  /** Channel-1 TLV 0x02 (reference snac_04_06_ch1): capabilities fragment, then text with its charset. */
  private static byte[] textData(int charset, byte[] body) {
    ByteBuf out = Unpooled.buffer();
    out.writeBytes(HexFormat.of().parseHex("0501000101"));
    out.writeByte(1).writeByte(1).writeShort(4 + body.length);
    out.writeShort(charset).writeShort(0);
    out.writeBytes(body);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  /** TLV 0x06 asks for storage only while the recipient is offline; a signed-on one gets the message at once. */
  @Test
  void onlineRecipientsAndEchoBotsGetTheMessageNotTheStore() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    assertEquals(1, simulator.storedOfflineMessages(BOB), "the seeded one");

    long toBob = send(alice, BOB, 1, textData(0, "live".getBytes(StandardCharsets.US_ASCII)), true, true);
    assertEquals(toBob, alice.awaitSnac(0x04, 0x0C).requestId());
    bob.awaitSnac(0x04, 0x07);
    // Echo bots are always online: the message is echoed, never stored.
    long toBot = send(alice, BOT, 1, textData(0, "ping".getBytes(StandardCharsets.US_ASCII)), true, true);
    assertEquals(toBot, alice.awaitSnac(0x04, 0x0C).requestId());
    alice.awaitSnac(0x04, 0x07);

    assertEquals(1, simulator.storedOfflineMessages(BOB));
    assertEquals(0, simulator.storedOfflineMessages(BOT));
    assertEquals(1, fetch(bob, 3).size());
  }

  @Test
  void theStoreCountFollowsStoringAndDeleting() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = send(alice, BOB, 1, textData(0, "kept".getBytes(StandardCharsets.US_ASCII)), true, true);
    assertEquals(id, alice.awaitSnac(0x04, 0x0C).requestId());
    assertEquals(2, simulator.storedOfflineMessages(BOB));
    assertEquals(0, simulator.storedOfflineMessages(ALICE));

    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    assertEquals(2, fetch(bob, 4).size());
    metaRequest(bob, 222222, 0x003E, 5, -1, out -> { });
    assertEquals(List.of(), fetch(bob, 6));
    assertEquals(0, simulator.storedOfflineMessages(BOB));
  }

  @Test
  void nothingStoredForUnknownAccounts() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = send(alice, "987654", 1, textData(0, "x".getBytes(StandardCharsets.US_ASCII)), true, true);
    assertEquals(id, alice.awaitSnac(0x04, 0x01).requestId());
    assertTrue(alice.noSnacWithin(Duration.ofMillis(100), 0x04, 0x0C));
  }

  private TestFlapClient signOn(String uin, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, uin, password);
    clients.add(client);
    return client;
  }
}
