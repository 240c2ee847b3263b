package net.icqtransport.oscar.server;

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
import java.util.function.BooleanSupplier;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login, sign-on, presence and messaging over real TCP on 127.0.0.1, driven by raw FLAP/SNAC. */
class OscarSimulatorFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final String CAROL = "333333";
  private static final String BOT = "999999";
  /** Channel-1 message data as reference snac_04_06_ch1 shows it: caps fragment, then text fragment. */
  private static final byte[] HELLO_DATA = messageData("hello, Bob");

  private OscarSimulator simulator;
  private final List<TestFlapClient> clients = new ArrayList<>();

  @BeforeEach
  void start() {
    simulator = OscarSimulator.builder()
        .account(ALICE, "alicepw")
        .account(BOB, "bobpw")
        .account(CAROL, "carolpw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(ALICE, BOT, "Echo", "Bots")
        .contact(BOB, ALICE, "Alice", null)
        .echoBot(BOT)
        .start();
  }

  @AfterEach
  void stop() {
    clients.forEach(TestFlapClient::close);
    simulator.close();
  }

  // ---- login server ----

  @Test
  void md5LoginReturnsBosAddressAndCookie() throws Exception {
    TlvChain reply = TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false);
    assertEquals(ALICE, reply.ascii(0x01).orElseThrow());
    assertEquals("127.0.0.1:" + simulator.bosAddress().getPort(), reply.ascii(0x05).orElseThrow());
    assertEquals(256, reply.bytes(0x06).orElseThrow().length);
    assertFalse(reply.contains(0x08));
  }

  @Test
  void md5LoginWithPreHashedPassword() throws Exception {
    TlvChain reply = TestLogins.md5Login(simulator.loginAddress(), BOB, "bobpw", true);
    assertTrue(reply.contains(0x06), reply.toString());
  }

  @Test
  void md5LoginWithWrongPasswordGivesError5() throws Exception {
    TlvChain reply = TestLogins.md5Login(simulator.loginAddress(), ALICE, "wrong", false);
    assertEquals(0x0005, reply.u16(0x08).orElseThrow());
    assertEquals(ALICE, reply.ascii(0x01).orElseThrow());
    assertTrue(reply.contains(0x04));
    assertFalse(reply.contains(0x06));
  }

  @Test
  void keyRequestForUnknownAccountGetsLoginErrorReply() throws Exception {
    try (TestFlapClient client = TestFlapClient.connect(simulator.loginAddress())) {
      client.next(FlapChannel.SIGNON);
      client.sendSignOn(TlvChain.empty());
      long id = client.send(0x17, 0x06, out -> Tlv.ofAscii(0x01, "555555").writeTo(out));
      Snac reply = client.awaitSnac(0x17, 0x03);
      assertEquals(id, reply.requestId());
      TlvChain tlvs = TlvChain.readChain(reply.dataBuffer());
      assertEquals(0x0001, tlvs.u16(0x08).orElseThrow());
      assertFalse(tlvs.contains(0x06));
    }
  }

  @Test
  void legacyLoginSucceedsOnChannelFour() throws Exception {
    TlvChain reply = TestLogins.legacyLogin(simulator.loginAddress(), CAROL, "carolpw");
    assertEquals(CAROL, reply.ascii(0x01).orElseThrow());
    assertEquals("127.0.0.1:" + simulator.bosAddress().getPort(), reply.ascii(0x05).orElseThrow());
    assertEquals(256, reply.bytes(0x06).orElseThrow().length);
  }

  @Test
  void legacyLoginFailures() throws Exception {
    TlvChain wrong = TestLogins.legacyLogin(simulator.loginAddress(), CAROL, "nope");
    assertEquals(0x0005, wrong.u16(0x08).orElseThrow());
    assertFalse(wrong.contains(0x06));
    TlvChain unknown = TestLogins.legacyLogin(simulator.loginAddress(), "444444", "whatever");
    assertEquals(0x0001, unknown.u16(0x08).orElseThrow());
  }

  @Test
  void legacyLoginCookieOpensBos() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.legacyLogin(simulator.loginAddress(), CAROL, "carolpw"));
    clients.add(TestLogins.connectBos(simulator, cookie));
  }

  // ---- BOS sign-on ----

  @Test
  void bosOffersItsFamiliesForAGoodCookie() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
    try (TestFlapClient bos = TestFlapClient.connect(simulator.bosAddress())) {
      bos.next(FlapChannel.SIGNON);
      bos.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
      Snac families = bos.awaitSnac(0x01, 0x03);
      assertEquals("000100020003000400090013" + "0015", HexFormat.of().formatHex(families.data()));
      assertTrue((families.requestId() & 0x80000000L) != 0, "server-initiated request ids have the top bit set");
    }
  }

  @Test
  void bosRefusesUnknownCookie() throws Exception {
    try (TestFlapClient bos = TestFlapClient.connect(simulator.bosAddress())) {
      bos.next(FlapChannel.SIGNON);
      bos.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, new byte[256])));
      assertEquals(FlapChannel.SIGNOFF, bos.next().channel());
      bos.awaitClosed();
    }
  }

  @Test
  void cookieWorksOnlyOnce() throws Exception {
    byte[] cookie = TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
    clients.add(TestLogins.connectBos(simulator, cookie));
    try (TestFlapClient again = TestFlapClient.connect(simulator.bosAddress())) {
      again.next(FlapChannel.SIGNON);
      again.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
      assertEquals(FlapChannel.SIGNOFF, again.next().channel());
      again.awaitClosed();
    }
  }

  @Test
  void cookieExpires() throws Exception {
    try (OscarSimulator shortLived = OscarSimulator.builder().account(ALICE, "alicepw")
        .cookieLifetime(Duration.ofMillis(1)).start()) {
      byte[] cookie = TestLogins.cookie(TestLogins.md5Login(shortLived.loginAddress(), ALICE, "alicepw", false));
      Thread.sleep(50);
      try (TestFlapClient bos = TestFlapClient.connect(shortLived.bosAddress())) {
        bos.next(FlapChannel.SIGNON);
        bos.sendSignOn(TlvChain.of(Tlv.ofBytes(0x06, cookie)));
        assertEquals(FlapChannel.SIGNOFF, bos.next().channel());
        bos.awaitClosed();
      }
    }
  }

  @Test
  void contactListHasGroupsMemberIdsAndNicknames() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x13, 0x04);
    Snac list = alice.awaitSnac(0x13, 0x06);
    assertEquals(id, list.requestId());
    ByteBuf in = list.dataBuffer();
    assertEquals(0, in.readUnsignedByte());
    int count = in.readUnsignedShort();
    List<String> names = new ArrayList<>();
    int friendsGroupId = -1;
    byte[] friendsMembers = null;
    int bobGroupId = -1;
    int bobItemId = -1;
    String bobNick = null;
    for (int i = 0; i < count; i++) {
      byte[] name = new byte[in.readUnsignedShort()];
      in.readBytes(name);
      int groupId = in.readUnsignedShort();
      int itemId = in.readUnsignedShort();
      int type = in.readUnsignedShort();
      TlvChain data = TlvChain.readLengthPrefixed(in);
      String itemName = new String(name, StandardCharsets.UTF_8);
      names.add(itemName);
      if (itemName.equals("Friends")) {
        assertEquals(1, type);
        assertEquals(0, itemId);
        friendsGroupId = groupId;
        friendsMembers = data.bytes(0x00C8).orElseThrow();
      }
      if (itemName.equals(BOB)) {
        assertEquals(0, type);
        bobGroupId = groupId;
        bobItemId = itemId;
        bobNick = data.ascii(0x0131).orElseThrow();
      }
    }
    long lastChange = in.readUnsignedInt();
    assertEquals(0, in.readableBytes());
    assertEquals(List.of("", "Friends", BOB, "Bots", BOT), names);
    assertEquals("Bob", bobNick);
    assertEquals(friendsGroupId, bobGroupId);
    assertArrayEquals(new byte[] {(byte) (bobItemId >> 8), (byte) bobItemId}, friendsMembers);

    long check = alice.send(0x13, 0x05, out -> {
      out.writeInt((int) lastChange);
      out.writeShort(count);
    });
    Snac upToDate = alice.awaitSnac(0x13, 0x0F);
    assertEquals(check, upToDate.requestId());
    ByteBuf reply = upToDate.dataBuffer();
    assertEquals(lastChange, reply.readUnsignedInt());
    assertEquals(count, reply.readUnsignedShort());

    alice.send(0x13, 0x05, out -> {
      out.writeInt((int) lastChange - 1);
      out.writeShort(count);
    });
    alice.awaitSnac(0x13, 0x06);
  }

  // ---- presence ----

  @Test
  void presenceBothWaysThenOfflineOnDisconnect() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(ALICE));
    Snac botOnline = alice.awaitSnac(0x03, 0x0B);
    assertEquals(BOT, screenName(botOnline));
    assertFalse(simulator.isOnline(BOB));

    TestFlapClient bob = signOn(BOB, "bobpw");
    Snac bobOnline = alice.awaitSnac(0x03, 0x0B);
    assertEquals(BOB, screenName(bobOnline));
    Snac aliceOnline = bob.awaitSnac(0x03, 0x0B);
    assertEquals(ALICE, screenName(aliceOnline));
    assertEquals(0, userInfoTlvs(aliceOnline).unsigned(0x06).orElseThrow());

    alice.send(0x01, 0x1E, out -> Tlv.ofU32(0x06, 0x0001).writeTo(out));
    Snac away = bob.awaitSnac(0x03, 0x0B);
    assertEquals(ALICE, screenName(away));
    assertEquals(0x0001, userInfoTlvs(away).unsigned(0x06).orElseThrow());

    bob.close();
    Snac bobOffline = alice.awaitSnac(0x03, 0x0C);
    assertEquals(BOB, screenName(bobOffline));
    awaitTrue(() -> !simulator.isOnline(BOB));
  }

  @Test
  void channelFourFromClientSignsOff() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    alice.awaitSnac(0x03, 0x0B);
    bob.send(FlapFrame.of(FlapChannel.SIGNOFF, new byte[0]));
    assertEquals(BOB, screenName(alice.awaitSnac(0x03, 0x0C)));
  }

  @Test
  void secondLoginKicksTheFirstWithReasonOne() throws Exception {
    TestFlapClient first = signOn(ALICE, "alicepw");
    awaitTrue(() -> simulator.isOnline(ALICE));
    TestFlapClient second = signOn(ALICE, "alicepw");
    FlapFrame close = lastFrameBeforeClose(first);
    assertEquals(FlapChannel.SIGNOFF, close.channel());
    TlvChain reason = TlvChain.readChain(Unpooled.wrappedBuffer(close.payload()));
    assertEquals(0x0001, reason.u16(0x09).orElseThrow());
    awaitTrue(() -> simulator.isOnline(ALICE));
    assertTrue(second.isOpen());
  }

  @Test
  void kickClosesWithChannelFourAndTellsWatchers() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    alice.awaitSnac(0x03, 0x0B);
    bob.awaitSnac(0x03, 0x0B);
    awaitTrue(() -> simulator.isOnline(BOB));
    simulator.kick(BOB);
    assertFalse(simulator.isOnline(BOB));
    assertEquals(FlapChannel.SIGNOFF, lastFrameBeforeClose(bob).channel());
    assertEquals(BOB, screenName(alice.awaitSnac(0x03, 0x0C)));
  }

  // ---- messages ----

  @Test
  void channelOneMessageIsRoutedWithDataIntactAndAckedOnRequest() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    byte[] cookie = HexFormat.of().parseHex("0102030405060708");
    long id = alice.send(0x04, 0x06, out -> {
      out.writeBytes(cookie);
      out.writeShort(1);
      out.writeByte(BOB.length());
      out.writeBytes(BOB.getBytes(StandardCharsets.US_ASCII));
      TlvChain.of(Tlv.ofBytes(0x02, HELLO_DATA), Tlv.empty(0x03), Tlv.empty(0x06)).writeChain(out);
    });
    Snac ack = alice.awaitSnac(0x04, 0x0C);
    assertEquals(id, ack.requestId());
    ByteBuf ackData = ack.dataBuffer();
    assertArrayEquals(cookie, bytes(ackData, 8));
    assertEquals(1, ackData.readUnsignedShort());
    assertEquals(BOB, new String(bytes(ackData, ackData.readUnsignedByte()), StandardCharsets.US_ASCII));

    Snac received = bob.awaitSnac(0x04, 0x07);
    ByteBuf in = received.dataBuffer();
    assertArrayEquals(cookie, bytes(in, 8));
    assertEquals(1, in.readUnsignedShort());
    assertEquals(ALICE, new String(bytes(in, in.readUnsignedByte()), StandardCharsets.US_ASCII));
    in.readUnsignedShort();
    TlvChain senderInfo = TlvChain.readBlock(in);
    assertEquals(0x0050, senderInfo.u16(0x01).orElseThrow());
    TlvChain message = TlvChain.readChain(in);
    assertArrayEquals(HELLO_DATA, message.bytes(0x02).orElseThrow());
    assertFalse(message.contains(0x03), "the ack request is for the server");
    assertFalse(message.contains(0x06), "the store request is for the server");
  }

  @Test
  void messageToOfflineOrUnknownRecipientGetsError4() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    for (String recipient : new String[] {BOB, "55555555"}) {
      long id = sendMessage(alice, recipient, HELLO_DATA, true);
      Snac error = alice.awaitSnac(0x04, 0x01);
      assertEquals(id, error.requestId());
      assertEquals(0x0004, error.dataBuffer().readUnsignedShort());
    }
    assertTrue(alice.noSnacWithin(Duration.ofMillis(100), 0x04, 0x0C), "no ack for an undelivered message");
  }

  @Test
  void echoBotAnswersWithTheSameData() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    byte[] data = messageData("ping \u00e9");
    sendMessage(alice, BOT, data, false);
    Snac echo = alice.awaitSnac(0x04, 0x07);
    ByteBuf in = echo.dataBuffer();
    in.skipBytes(8);
    assertEquals(1, in.readUnsignedShort());
    assertEquals(BOT, new String(bytes(in, in.readUnsignedByte()), StandardCharsets.US_ASCII));
    in.readUnsignedShort();
    TlvChain.readBlock(in);
    assertArrayEquals(data, TlvChain.readChain(in).bytes(0x02).orElseThrow());
  }

  @Test
  void typingIsRelayedWithTheSendersName() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    alice.send(0x04, 0x14, out -> {
      out.writeLong(0);
      out.writeShort(1);
      out.writeByte(BOB.length());
      out.writeBytes(BOB.getBytes(StandardCharsets.US_ASCII));
      out.writeShort(2);
    });
    Snac typing = bob.awaitSnac(0x04, 0x14);
    ByteBuf in = typing.dataBuffer();
    in.skipBytes(10);
    assertEquals(ALICE, new String(bytes(in, in.readUnsignedByte()), StandardCharsets.US_ASCII));
    assertEquals(2, in.readUnsignedShort());
  }

  // ---- robustness ----

  @Test
  void malformedFrameClosesOnlyThatConnection() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient bob = signOn(BOB, "bobpw");
    awaitTrue(() -> simulator.isOnline(BOB));
    bob.sendRaw(new byte[] {0x2A, 0x09, 0x00, 0x01, 0x00, 0x00});
    bob.awaitClosed();

    sendMessage(alice, BOT, HELLO_DATA, false);
    alice.awaitSnac(0x04, 0x07);
    assertTrue(simulator.isOnline(ALICE));
  }

  @Test
  void truncatedSnacClosesOnlyThatConnection() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    TestFlapClient carol = signOn(CAROL, "carolpw");
    carol.send(0x04, 0x06, out -> {
      out.writeLong(1);
      out.writeShort(1);
      out.writeByte(40);
      out.writeBytes("1111".getBytes(StandardCharsets.US_ASCII));
    });
    carol.awaitClosed();
    sendMessage(alice, BOT, HELLO_DATA, false);
    alice.awaitSnac(0x04, 0x07);
  }

  @Test
  void unknownSnacGetsAnErrorNotSilence() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x13, 0x20);
    Snac error = alice.awaitSnac(0x13, 0x01);
    assertEquals(id, error.requestId());
  }

  @Test
  void offlineMessageRequestEndsAtOnce() throws Exception {
    TestFlapClient alice = signOn(ALICE, "alicepw");
    long id = alice.send(0x15, 0x02, out -> {
      out.writeShort(0x0001);
      out.writeShort(10);
      out.writeShortLE(8);
      out.writeIntLE(111111);
      out.writeShortLE(0x003C);
      out.writeShortLE(7);
    });
    Snac end = alice.awaitSnac(0x15, 0x03);
    assertEquals(id, end.requestId());
    byte[] chunk = TlvChain.readChain(end.dataBuffer()).bytes(0x01).orElseThrow();
    assertEquals("0900" + "07b20100" + "4200" + "0700" + "00", HexFormat.of().formatHex(chunk));
  }

  // ---- helpers ----

  private TestFlapClient signOn(String uin, String password) throws Exception {
    TestFlapClient client = TestLogins.signOn(simulator, uin, password);
    clients.add(client);
    return client;
  }

  private static long sendMessage(TestFlapClient from, String to, byte[] data, boolean ack) {
    return from.send(0x04, 0x06, out -> {
      out.writeLong(System.nanoTime());
      out.writeShort(1);
      out.writeByte(to.length());
      out.writeBytes(to.getBytes(StandardCharsets.US_ASCII));
      Tlv.ofBytes(0x02, data).writeTo(out);
      if (ack) {
        Tlv.empty(0x03).writeTo(out);
      }
    });
  }

  /** TLV 0x02 of a channel-1 message: capabilities fragment 05 01, text fragment 01 01 (charset, language). */
  private static byte[] messageData(String text) {
    byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuf out = Unpooled.buffer();
    out.writeBytes(HexFormat.of().parseHex("0501000101"));
    out.writeByte(1).writeByte(1).writeShort(4 + body.length);
    out.writeShort(0x0003).writeShort(0x0000);
    out.writeBytes(body);
    return bytes(out, out.readableBytes());
  }

  private static byte[] bytes(ByteBuf in, int length) {
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  private static String screenName(Snac userInfoSnac) {
    ByteBuf in = userInfoSnac.dataBuffer();
    return new String(bytes(in, in.readUnsignedByte()), StandardCharsets.US_ASCII);
  }

  private static TlvChain userInfoTlvs(Snac userInfoSnac) {
    ByteBuf in = userInfoSnac.dataBuffer();
    in.skipBytes(in.readUnsignedByte() + 2);
    return TlvChain.readBlock(in);
  }

  private static FlapFrame lastFrameBeforeClose(TestFlapClient client) throws InterruptedException {
    List<FlapFrame> frames = client.awaitClosed();
    assertFalse(frames.isEmpty(), "closed without a channel-4 frame");
    return frames.get(frames.size() - 1);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TestFlapClient.TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + TestFlapClient.TIMEOUT);
      }
      Thread.sleep(5);
    }
  }
}
