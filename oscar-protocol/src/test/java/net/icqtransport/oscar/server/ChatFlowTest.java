package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chat navigation and rooms on the wire (references {@code service_request}, {@code snac_0d_*}, {@code snac_0e_*}):
 * 01/04 for 0x000D → 01/05 → navigation connection, 0D/02, 0D/08, 0D/04 → 0D/09; 01/04 for 0x000E with the
 * room → 01/05 → room connection, 0E/03, 0E/02, 0E/05 → 0E/06 with and without reflection, 0E/04.
 */
class ChatFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";

  private OscarSimulator simulator;

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder().account(ALICE, "alicepw").account(BOB, "bobpw").start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void navigationAnswersRightsCreateAndRoomInfo() throws Exception {
    try (TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw");
        TestFlapClient nav = connectService(alice, 0x0D, TlvChain.empty(), "0001000d")) {
      long rights = nav.send(0x0D, 0x02);
      Snac info = nav.awaitSnac(0x0D, 0x09);
      assertEquals(rights, info.requestId());
      TlvChain tlvs = TlvChain.readChain(info.dataBuffer());
      assertEquals(10, tlvs.unsigned(0x02).getAsLong());
      assertEquals(List.of(4, 5), tlvs.tlvs().stream().filter(t -> t.type() == 0x03)
          .map(t -> ((t.value()[0] & 0xFF) << 8) | (t.value()[1] & 0xFF)).toList());

      long create = nav.send(0x0D, 0x08, out -> createRoom(out, 4, "Lobby"));
      Snac created = nav.awaitSnac(0x0D, 0x09);
      assertEquals(create, created.requestId());
      byte[] room = TlvChain.readChain(created.dataBuffer()).bytes(0x04).orElseThrow();
      assertEquals("0004" + "09" + hex("4-0-Lobby") + "0000" + "02", HexFormat.of().formatHex(room, 0, 15));

      nav.send(0x0D, 0x08, out -> createRoom(out, 4, "LOBBY"));
      byte[] again = TlvChain.readChain(nav.awaitSnac(0x0D, 0x09).dataBuffer()).bytes(0x04).orElseThrow();
      assertEquals(HexFormat.of().formatHex(room, 0, 15), HexFormat.of().formatHex(again, 0, 15), "same room");

      nav.send(0x0D, 0x04, out -> out.writeBytes(HexFormat.of().parseHex("0004" + "09" + hex("4-0-Lobby") + "0000"
          + "02")));
      assertEquals(HexFormat.of().formatHex(room),
          HexFormat.of().formatHex(TlvChain.readChain(nav.awaitSnac(0x0D, 0x09).dataBuffer()).bytes(0x04)
              .orElseThrow()));

      long unknown = nav.send(0x0D, 0x08, out -> createRoom(out, 5, "Nope"));
      Snac error = nav.awaitSnac(0x0D, 0x01);
      assertEquals(unknown, error.requestId());
      assertEquals(0x14, error.dataBuffer().readUnsignedShort());
    }
  }

  @Test
  void roomConnectionsJoinTalkWithAndWithoutReflectionAndLeave() throws Exception {
    try (TestFlapClient aliceBos = TestLogins.signOn(simulator, ALICE, "alicepw");
        TestFlapClient bobBos = TestLogins.signOn(simulator, BOB, "bobpw")) {
      byte[] ref;
      try (TestFlapClient nav = connectService(aliceBos, 0x0D, TlvChain.empty(), "0001000d")) {
        nav.send(0x0D, 0x08, out -> createRoom(out, 4, "Lobby"));
        byte[] room = TlvChain.readChain(nav.awaitSnac(0x0D, 0x09).dataBuffer()).bytes(0x04).orElseThrow();
        ref = java.util.Arrays.copyOf(room, 14);
      }
      TlvChain roomTlv = TlvChain.of(Tlv.ofBytes(0x01, ref));
      try (TestFlapClient alice = connectService(aliceBos, 0x0E, roomTlv, "0001000e")) {
        assertEquals(List.of(ALICE), names(alice.awaitSnac(0x0E, 0x03)));
        assertEquals(hex("Lobby"), HexFormat.of().formatHex(
            TlvChain.readBlock(skipRef(alice.awaitSnac(0x0E, 0x02).dataBuffer())).bytes(0xD3).orElseThrow()));
        try (TestFlapClient bob = connectService(bobBos, 0x0E, roomTlv, "0001000e")) {
          assertEquals(List.of(ALICE, BOB), names(bob.awaitSnac(0x0E, 0x03)));
          assertEquals(List.of(BOB), names(alice.awaitSnac(0x0E, 0x03)));
          assertEquals(List.of(ALICE, BOB), simulator.chatOccupants("lobby"));

          long reflected = alice.send(0x0E, 0x05, out -> message(out, "hello", true));
          assertEquals("hello", text(bob.awaitSnac(0x0E, 0x06)));
          Snac own = alice.awaitSnac(0x0E, 0x06);
          assertEquals(reflected, own.requestId());
          assertEquals("hello", text(own));

          bob.send(0x0E, 0x05, out -> message(out, "quiet", false));
          assertEquals("quiet", text(alice.awaitSnac(0x0E, 0x06)));
          assertTrue(bob.noSnacWithin(Duration.ofMillis(300), 0x0E, 0x06), "no reflection without TLV 0x0006");
        }
        assertEquals(List.of(BOB), names(alice.awaitSnac(0x0E, 0x04)));
        FlowSupport.awaitTrue(() -> simulator.chatOccupants("Lobby").equals(List.of(ALICE)));
      }
      FlowSupport.awaitTrue(() -> simulator.chatOccupants("Lobby").isEmpty());
    }
  }

  @Test
  void aChatCookieIsForTheChatListenerOnlyAndOnlyOnce() throws Exception {
    try (TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      long missing = alice.send(0x01, 0x04, out -> out.writeShort(0x0E));
      Snac error = alice.awaitSnac(0x01, 0x01);
      assertEquals(missing, error.requestId());
      alice.send(0x01, 0x04, out -> {
        out.writeShort(0x0E);
        Tlv.ofBytes(0x01, HexFormat.of().parseHex("0004" + "09" + hex("4-0-Ghost") + "0000")).writeTo(out);
      });
      assertEquals(5, alice.awaitSnac(0x01, 0x01).dataBuffer().readUnsignedShort());

      alice.send(0x01, 0x04, out -> out.writeShort(0x0D));
      TlvChain redirect = TlvChain.readChain(alice.awaitSnac(0x01, 0x05).dataBuffer());
      byte[] cookie = redirect.bytes(0x06).orElseThrow();
      try (TestFlapClient bart = TestFlapClient.connect(simulator.bartAddress())) {
        bart.next(FlapChannel.SIGNON);
        bart.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
        assertEquals(FlapChannel.SIGNOFF, bart.next().channel(), "the BART listener does not take chat cookies");
      }
      try (TestFlapClient chat = TestFlapClient.connect(simulator.chatAddress())) {
        chat.next(FlapChannel.SIGNON);
        chat.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
        assertEquals("0001000d", HexFormat.of().formatHex(chat.awaitSnac(0x01, 0x03).data()));
      }
      try (TestFlapClient again = TestFlapClient.connect(simulator.chatAddress())) {
        again.next(FlapChannel.SIGNON);
        again.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
        assertEquals(FlapChannel.SIGNOFF, again.next().channel(), "a chat cookie admits once");
      }
    }
  }

  /** 01/04 for {@code family} on BOS → 01/05 → sign-on on the chat listener up to 01/02. */
  private TestFlapClient connectService(TestFlapClient bos, int family, TlvChain tlvs, String families)
      throws Exception {
    long id = bos.send(0x01, 0x04, out -> {
      out.writeShort(family);
      tlvs.writeChain(out);
    });
    Snac redirect = bos.awaitSnac(0x01, 0x05);
    assertEquals(id, redirect.requestId());
    TlvChain answer = TlvChain.readChain(redirect.dataBuffer());
    assertEquals(family, answer.u16(0x0D).orElseThrow());
    String[] hostPort = answer.ascii(0x05).orElseThrow().split(":");
    assertEquals(simulator.chatAddress().getPort(), Integer.parseInt(hostPort[1]));
    TestFlapClient service = TestFlapClient.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
    service.next(FlapChannel.SIGNON);
    service.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, answer.bytes(0x06).orElseThrow())));
    assertEquals(families, HexFormat.of().formatHex(service.awaitSnac(0x01, 0x03).data()));
    service.send(0x01, 0x17, out -> out.writeShort(1).writeShort(4).writeShort(family).writeShort(1));
    service.awaitSnac(0x01, 0x18);
    service.send(0x01, 0x06);
    Snac rates = service.awaitSnac(0x01, 0x07);
    assertTrue(HexFormat.of().formatHex(rates.data()).contains("000e0005"), "0E/05 has a rate class");
    service.send(0x01, 0x08, out -> out.writeShort(1).writeShort(2).writeShort(3).writeShort(4).writeShort(5));
    service.send(0x01, 0x02, out -> out.writeShort(1).writeShort(4).writeShort(0x0110).writeShort(0x047B)
        .writeShort(family).writeShort(1).writeShort(0x0110).writeShort(0x047B));
    return service;
  }

  private static void createRoom(ByteBuf out, int exchange, String name) {
    out.writeShort(exchange);
    out.writeByte(6);
    out.writeBytes("create".getBytes(StandardCharsets.US_ASCII));
    out.writeShort(0xFFFF);
    out.writeByte(1);
    TlvChain.of(Tlv.ofAscii(0xD3, name), Tlv.ofAscii(0xD6, "us-ascii"), Tlv.ofAscii(0xD7, "en")).writeBlock(out);
  }

  private static void message(ByteBuf out, String text, boolean reflect) {
    out.writeLong(0x0102030405060708L);
    out.writeShort(3);
    Tlv.empty(0x01).writeTo(out);
    if (reflect) {
      Tlv.empty(0x06).writeTo(out);
    }
    ByteBuf info = io.netty.buffer.Unpooled.buffer();
    TlvChain.of(Tlv.ofAscii(0x02, "us-ascii"), Tlv.ofAscii(0x03, "en"), Tlv.ofAscii(0x01, text)).writeChain(info);
    byte[] bytes = new byte[info.readableBytes()];
    info.readBytes(bytes);
    Tlv.ofBytes(0x05, bytes).writeTo(out);
  }

  private static String text(Snac message) {
    ByteBuf in = message.dataBuffer();
    assertEquals(0x0102030405060708L, in.readLong());
    assertEquals(3, in.readUnsignedShort());
    TlvChain tlvs = TlvChain.readChain(in);
    assertFalse(tlvs.bytes(0x03).isEmpty(), "sender block");
    byte[] info = tlvs.bytes(0x05).orElseThrow();
    return TlvChain.readChain(io.netty.buffer.Unpooled.wrappedBuffer(info)).ascii(0x01).orElseThrow();
  }

  private static List<String> names(Snac users) {
    ByteBuf in = users.dataBuffer();
    List<String> names = new java.util.ArrayList<>();
    while (in.isReadable()) {
      names.add(FlowSupport.screenName(in));
      in.skipBytes(2);
      TlvChain.readBlock(in);
    }
    return names;
  }

  private static ByteBuf skipRef(ByteBuf in) {
    in.skipBytes(2);
    in.skipBytes(in.readUnsignedByte());
    in.skipBytes(3);
    return in;
  }

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
