package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.server.FlowSupport.screenName;
import static net.icqtransport.oscar.server.FlowSupport.userInfoTlvs;
import static net.icqtransport.oscar.server.FlowSupport.writeScreenName;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.HexFormat;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Buddy icons: 01/04 → 01/05 → service sign-on (reference service_request), 10/02 → 10/03, 03/0B TLV 0x1D, 10/06 → 10/07. */
class BartFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final byte[] ICON = HexFormat.of().parseHex("474946383961010001000000002c");
  private static final byte[] SEEDED = HexFormat.of().parseHex("ffd8ffe000104a464946");

  private OscarSimulator simulator;

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw").account(BOB, "bobpw").account("333333", "c")
        .contact(BOB, ALICE, null, null).contact(BOB, "333333", null, null)
        .avatar("333333", SEEDED)
        .start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void uploadPublishesTheHashAndFetchReturnsTheBytes() throws Exception {
    try (TestFlapClient bob = TestLogins.signOn(simulator, BOB, "bobpw");
        TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      assertEquals(ALICE, screenName(bob.awaitSnac(0x03, 0x0B)));
      byte[] md5 = MessageDigest.getInstance("MD5").digest(ICON);
      try (TestFlapClient bart = connectBart(alice)) {
        long id = bart.send(0x10, 0x02, out -> {
          out.writeShort(1);
          out.writeShort(ICON.length);
          out.writeBytes(ICON);
        });
        Snac ack = bart.awaitSnac(0x10, 0x03);
        assertEquals(id, ack.requestId());
        assertEquals("0000010110" + HexFormat.of().formatHex(md5), HexFormat.of().formatHex(ack.data()));
      }
      Snac update = bob.awaitSnac(0x03, 0x0B);
      assertEquals(ALICE, screenName(update));
      byte[] bartId = userInfoTlvs(update.dataBuffer()).bytes(0x1D).orElseThrow();
      assertEquals("00010110" + HexFormat.of().formatHex(md5), HexFormat.of().formatHex(bartId));

      try (TestFlapClient bart = connectBart(bob)) {
        assertArrayEquals(ICON, fetch(bart, ALICE, md5));
        assertArrayEquals(new byte[0], fetch(bart, ALICE, new byte[16]), "unknown hash: empty icon");
        assertArrayEquals(SEEDED, fetch(bart, "333333", MessageDigest.getInstance("MD5").digest(SEEDED)));
      }
    }
  }

  @Test
  void serviceRequestForOtherFamiliesIsRefused() throws Exception {
    try (TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      long id = alice.send(0x01, 0x04, out -> out.writeShort(0x0F));
      Snac error = alice.awaitSnac(0x01, 0x01);
      assertEquals(id, error.requestId());
      assertEquals(5, error.dataBuffer().readUnsignedShort());
    }
  }

  /** 10/06 → 10/07: the icon bytes after the doubled id and hash. */
  private static byte[] fetch(TestFlapClient bart, String uin, byte[] md5) throws InterruptedException {
    long id = bart.send(0x10, 0x06, out -> {
      writeScreenName(out, uin);
      out.writeByte(1);
      out.writeShort(1);
      out.writeByte(1);
      out.writeByte(16);
      out.writeBytes(md5);
    });
    Snac reply = bart.awaitSnac(0x10, 0x07);
    assertEquals(id, reply.requestId());
    ByteBuf in = reply.dataBuffer();
    assertEquals(uin, screenName(in));
    in.skipBytes(4 + 16 + 1 + 4 + 16);
    byte[] icon = new byte[in.readUnsignedShort()];
    in.readBytes(icon);
    assertEquals(0, in.readableBytes());
    return icon;
  }

  private TestFlapClient connectBart(TestFlapClient bos) throws Exception {
    long id = bos.send(0x01, 0x04, out -> out.writeShort(0x10));
    Snac redirect = bos.awaitSnac(0x01, 0x05);
    assertEquals(id, redirect.requestId());
    TlvChain tlvs = TlvChain.readChain(redirect.dataBuffer());
    assertEquals(0x10, tlvs.u16(0x0D).orElseThrow());
    String[] hostPort = tlvs.ascii(0x05).orElseThrow().split(":");
    assertEquals(simulator.bartAddress().getPort(), Integer.parseInt(hostPort[1]));
    TestFlapClient bart = TestFlapClient.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    bart.next(FlapChannel.SIGNON);
    bart.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, tlvs.bytes(0x06).orElseThrow())));
    assertEquals("00010010", HexFormat.of().formatHex(bart.awaitSnac(0x01, 0x03).data()));
    bart.send(0x01, 0x17, out -> out.writeShort(1).writeShort(3).writeShort(0x10).writeShort(1));
    bart.awaitSnac(0x01, 0x18);
    bart.send(0x01, 0x06);
    bart.awaitSnac(0x01, 0x07);
    bart.send(0x01, 0x08, out -> out.writeShort(1));
    bart.send(0x01, 0x02, out -> out.writeShort(1).writeShort(3).writeShort(0x0110).writeShort(0x047B)
        .writeShort(0x10).writeShort(1).writeShort(0x0110).writeShort(0x047B));
    return bart;
  }
}
