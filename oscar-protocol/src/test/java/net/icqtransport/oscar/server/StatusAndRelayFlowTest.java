package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.awaitTrue;
import static net.icqtransport.oscar.server.FlowSupport.screenName;
import static net.icqtransport.oscar.server.FlowSupport.userInfoTlvs;
import static net.icqtransport.oscar.server.FlowSupport.writeScreenName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invisibility, away messages (02/04, 02/05, 02/15), channel-2 auto-message requests and 04/0B relay. */
class StatusAndRelayFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final byte[] COOKIE = HexFormat.of().parseHex("0a0b0c0d0e0f1011");

  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw").account(BOB, "bobpw")
        .contact(ALICE, BOB, "Bob", null).contact(BOB, ALICE, "Alice", null)
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  @Test
  void invisibleHidesFromWatchersAndVisibleShowsAgain() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    assertEquals(BOB, screenName(alice.awaitSnac(0x03, 0x0B)));
    bob.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0x0100).writeTo(out));
    assertEquals(BOB, screenName(alice.awaitSnac(0x03, 0x0C)));
    bob.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0x0001).writeTo(out));
    Snac back = alice.awaitSnac(0x03, 0x0B);
    assertEquals(1, userInfoTlvs(back.dataBuffer()).unsigned(0x06).orElseThrow());

    bob.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0x0100).writeTo(out));
    alice.awaitSnac(0x03, 0x0C);
    alice.close();
    TestFlapClient aliceAgain = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(ALICE));
    boolean none = aliceAgain.noSnacWithin(Duration.ofMillis(200), 0x03, 0x0B);
    assertTrue(none, () -> "an invisible contact is not announced, got " + screenNameOf(aliceAgain));
    assertEquals(ALICE, screenName(bob.awaitSnac(0x03, 0x0C)), "Alice's first session went offline");
  }

  @Test
  void awayMessageIsStoredAndFetched() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    byte[] mime = "text/aolrtf; charset=\"us-ascii\"".getBytes(StandardCharsets.US_ASCII);
    byte[] away = "Gone fishing".getBytes(StandardCharsets.US_ASCII);
    bob.send(0x02, 0x04, out -> TlvChain.of(Tlv.ofBytes(0x03, mime), Tlv.ofBytes(0x04, away)).writeChain(out));
    bob.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0x0001).writeTo(out));
    alice.awaitSnac(0x03, 0x0B);

    long id = alice.send(0x02, 0x05, out -> {
      out.writeShort(0x0003);
      writeScreenName(out, BOB);
    });
    Snac info = alice.awaitSnac(0x02, 0x06);
    assertEquals(id, info.requestId());
    ByteBuf in = info.dataBuffer();
    assertEquals(BOB, screenName(in.duplicate()));
    TlvChain fixed = userInfoTlvs(in);
    assertEquals(1, fixed.unsigned(0x06).orElseThrow());
    assertTrue(fixed.contains(0x05), "member since");
    TlvChain parts = TlvChain.readChain(in);
    assertArrayEquals(mime, parts.bytes(0x03).orElseThrow());
    assertArrayEquals(away, parts.bytes(0x04).orElseThrow());

    alice.send(0x02, 0x15, out -> {
      out.writeInt(0x00000002);
      writeScreenName(out, BOB);
    });
    ByteBuf again = alice.awaitSnac(0x02, 0x06).dataBuffer();
    userInfoTlvs(again);
    assertArrayEquals(away, TlvChain.readChain(again).bytes(0x04).orElseThrow());
  }

  @Test
  void locationInfoOfOfflineUserIsAnError() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x02, 0x05, out -> {
      out.writeShort(0x0003);
      writeScreenName(out, BOB);
    });
    Snac error = alice.awaitSnac(0x02, 0x01);
    assertEquals(id, error.requestId());
    assertEquals(4, error.dataBuffer().readUnsignedShort());
  }

  /** Channel 2 with a 0x2711 block of message type 0xE8 (away auto-message request), answered by 04/0B. */
  @Test
  void autoMessageRequestIsRelayedAndTheReplyComesBack() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    byte[] rendezvous = rendezvous(0xE8);
    long id = alice.send(0x04, 0x06, out -> {
      out.writeBytes(COOKIE);
      out.writeShort(2);
      writeScreenName(out, BOB);
      TlvChain.of(Tlv.ofBytes(0x05, rendezvous), Tlv.empty(0x03)).writeChain(out);
    });
    assertEquals(id, alice.awaitSnac(0x04, 0x0C).requestId());
    Snac received = bob.awaitSnac(0x04, 0x07);
    ByteBuf in = received.dataBuffer();
    byte[] cookie = new byte[8];
    in.readBytes(cookie);
    assertArrayEquals(COOKIE, cookie);
    assertEquals(2, in.readUnsignedShort());
    assertEquals(ALICE, screenName(in.duplicate()));
    userInfoTlvs(in);
    TlvChain tlvs = TlvChain.readChain(in);
    assertArrayEquals(rendezvous, tlvs.bytes(0x05).orElseThrow());
    assertFalse(tlvs.contains(0x03));

    byte[] reply = HexFormat.of().parseHex("1b000800" + "00".repeat(16) + "000300000000" + "0e00" + "00".repeat(12)
        + "e80300000000" + "0d00" + "476f6e652066697368696e6700");
    bob.send(0x04, 0x0B, out -> {
      out.writeBytes(COOKIE);
      out.writeShort(2);
      writeScreenName(out, ALICE);
      out.writeShort(3);
      out.writeBytes(reply);
    });
    Snac ack = alice.awaitSnac(0x04, 0x0B);
    ByteBuf a = ack.dataBuffer();
    a.readBytes(cookie);
    assertArrayEquals(COOKIE, cookie);
    assertEquals(2, a.readUnsignedShort());
    assertEquals(BOB, screenName(a));
    assertEquals(3, a.readUnsignedShort());
    byte[] rest = new byte[a.readableBytes()];
    a.readBytes(rest);
    assertArrayEquals(reply, rest);
  }

  @Test
  void channelFourAuthFormIsRelayed() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    ByteBuf block = Unpooled.buffer();
    block.writeIntLE(111111).writeByte(0x06).writeByte(0).writeShortLE(7);
    block.writeBytes("please\0".getBytes(StandardCharsets.US_ASCII));
    byte[] data = new byte[block.readableBytes()];
    block.readBytes(data);
    alice.send(0x04, 0x06, out -> {
      out.writeBytes(COOKIE);
      out.writeShort(4);
      writeScreenName(out, BOB);
      Tlv.ofBytes(0x05, data).writeTo(out);
    });
    ByteBuf in = bob.awaitSnac(0x04, 0x07).dataBuffer();
    in.skipBytes(8);
    assertEquals(4, in.readUnsignedShort());
    userInfoTlvs(in);
    assertArrayEquals(data, TlvChain.readChain(in).bytes(0x05).orElseThrow());
  }

  private static String screenNameOf(TestFlapClient client) {
    try {
      return screenName(client.awaitSnac(0x03, 0x0B));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** TLV 0x05 of reference snac_04_06_ch2 with the message type byte replaced. */
  private static byte[] rendezvous(int messageType) {
    ByteBuf out = Unpooled.buffer();
    out.writeShort(0);
    out.writeBytes(COOKIE);
    out.writeBytes(HexFormat.of().parseHex("094613494c7f11d18222444553540000"));
    TlvChain.of(Tlv.ofU16(0x0A, 1), Tlv.empty(0x0F)).writeChain(out);
    byte[] ext = HexFormat.of().parseHex("1b000800" + "00".repeat(16) + "000300000000" + "fbff0e00fbff" + "00".repeat(12)
        + "%02x0000000100010000".formatted(messageType) + "00");
    Tlv.ofBytes(0x2711, ext).writeTo(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  private TestFlapClient signOn(String uin, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, uin, password);
    clients.add(client);
    return client;
  }
}
