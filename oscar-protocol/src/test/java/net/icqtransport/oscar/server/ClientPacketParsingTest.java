package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.icqtransport.oscar.flap.FlapFrameEncoder;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** What clients send, from the reference dumps, through the server's own parsing and login handler. */
class ClientPacketParsingTest {

  @Test
  void md5LoginRequest() {
    Md5LoginRequest request = Md5LoginRequest.parse(snac(ReferenceDumps.CLI_MD5_LOGIN));
    assertEquals("6218895", request.screenName());
    assertEquals("77d288a01b2e22d08a75a634dd7c7ca9", HexFormat.of().formatHex(request.passwordHash()));
    assertTrue(request.passwordPreHashed(), "the dump carries TLV 0x4C");
    assertEquals("en", request.tlvs().ascii(0x0F).orElseThrow());
    assertFalse(request.toString().contains("77d2"), "toString leaves the hash out");
  }

  @Test
  void keyRequest() {
    TlvChain tlvs = TlvChain.readChain(snac(ReferenceDumps.CLI_AUTH_REQUEST).dataBuffer());
    assertEquals("6218895", tlvs.ascii(0x01).orElseThrow());
  }

  /** cli_ident: uin 777777, password "password" roasted. */
  @Test
  void channelOneLogin() {
    SignOnFrame signOn = SignOnFrame.parse(frame(ReferenceDumps.CLI_IDENT));
    assertTrue(signOn.isLegacyLogin());
    assertEquals("777777", signOn.tlvs().ascii(0x01).orElseThrow());
    byte[] roasted = signOn.tlvs().bytes(0x02).orElseThrow();
    assertEquals("password", new String(PasswordHashes.roast(roasted), StandardCharsets.US_ASCII));
    assertArrayEquals(roasted, PasswordHashes.roast("password"));
  }

  @Test
  void bosCookie() {
    SignOnFrame signOn = SignOnFrame.parse(frame(ReferenceDumps.CLI_COOKIE));
    assertFalse(signOn.isLegacyLogin());
    byte[] cookie = signOn.tlvs().bytes(0x06).orElseThrow();
    assertEquals(256, cookie.length);
    assertEquals("777777", new String(cookie, 0, 6, StandardCharsets.US_ASCII));
  }

  @Test
  void channelOneIcbm() {
    IcbmSendRequest request = IcbmSendRequest.parse(snac(ReferenceDumps.CLI_SEND_ICBM_CH1));
    assertEquals("67c315013d3a0000", HexFormat.of().formatHex(request.cookie()));
    assertEquals(1, request.channel());
    assertEquals("1000000", request.recipient());
    assertFalse(request.wantsServerAck());
    byte[] data = request.tlvs().bytes(0x02).orElseThrow();
    assertEquals("test channel 1 message",
        new String(data, data.length - 22, 22, StandardCharsets.US_ASCII));
    assertTrue(request.tlvs().contains(0x06));
    assertEquals(1, request.relayedTlvs().size(), "TLV 0x06 is for the server, not the recipient");
    assertArrayEquals(data, request.relayedTlvs().bytes(0x02).orElseThrow());
  }

  @Test
  void typing() {
    TypingNotice notice = TypingNotice.parse(snac(ReferenceDumps.TYPING_NOTIFICATION));
    assertEquals("6218895", notice.screenName());
    assertEquals(1, notice.channel());
    assertEquals(2, notice.notificationType());
  }

  @Test
  void truncatedIcbmIsAProtocolError() {
    byte[] dump = ReferenceDumps.CLI_SEND_ICBM_CH1;
    Snac whole = snac(dump);
    byte[] cut = Arrays.copyOf(whole.data(), 14);
    assertThrows(OscarProtocolException.class,
        () -> IcbmSendRequest.parse(new Snac(4, 6, 0, 1, cut)));
  }

  /** The cli_ident dump, split at every byte, through the real pipeline: srv_cookie on channel 4, then close. */
  @Test
  void loginHandlerAnswersTheReferenceChannelOneLogin() {
    for (int split = 1; split < ReferenceDumps.CLI_IDENT.length; split++) {
      SimulatorState state = new SimulatorState(Clock.systemUTC(), Duration.ofSeconds(60));
      state.addAccount("777777", "password");
      state.bosAddress("10.10.10.9:5190");
      EmbeddedChannel channel = loginChannel(state);
      assertEquals(FlapChannel.SIGNON, readFrame(channel).channel());
      channel.writeInbound(Unpooled.wrappedBuffer(ReferenceDumps.CLI_IDENT, 0, split));
      channel.writeInbound(Unpooled.wrappedBuffer(ReferenceDumps.CLI_IDENT, split,
          ReferenceDumps.CLI_IDENT.length - split));
      FlapFrame reply = readFrame(channel);
      assertEquals(FlapChannel.SIGNOFF, reply.channel());
      TlvChain tlvs = TlvChain.readChain(Unpooled.wrappedBuffer(reply.payload()));
      assertEquals("777777", tlvs.ascii(0x01).orElseThrow());
      assertEquals("10.10.10.9:5190", tlvs.ascii(0x05).orElseThrow());
      byte[] cookie = tlvs.bytes(0x06).orElseThrow();
      LoginGrant grant = state.redeemCookie(cookie).orElseThrow();
      assertEquals("777777", grant.account().screenName());
      assertTrue(grant.oldClient(), "the reference's channel-1 login has no TLV 0x4A: an old client");
      assertTrue(state.redeemCookie(cookie).isEmpty(), "single use");
      assertFalse(channel.isOpen(), "closed after the reply");
    }
  }

  /** The 17/06 dump gets a key; the 17/02 dump (hashed with another server's key) is then refused with 5. */
  @Test
  void loginHandlerAnswersTheReferenceMd5Packets() {
    SimulatorState state = new SimulatorState(Clock.systemUTC(), Duration.ofSeconds(60));
    state.addAccount("6218895", "secret");
    EmbeddedChannel channel = loginChannel(state);
    readFrame(channel);
    channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("2a0100010004" + "00000001")));
    channel.writeInbound(Unpooled.wrappedBuffer(ReferenceDumps.CLI_AUTH_REQUEST));
    Snac key = Snac.fromFrame(readFrame(channel));
    assertEquals(0x17, key.family());
    assertEquals(0x07, key.subtype());
    ByteBuf in = key.dataBuffer();
    assertEquals(in.readableBytes() - 2, in.readUnsignedShort());

    channel.writeInbound(Unpooled.wrappedBuffer(ReferenceDumps.CLI_MD5_LOGIN));
    Snac reply = Snac.fromFrame(readFrame(channel));
    assertEquals(0x03, reply.subtype());
    TlvChain tlvs = TlvChain.readChain(reply.dataBuffer());
    assertEquals(0x0005, tlvs.u16(0x08).orElseThrow());
    assertTrue(channel.isOpen());
    channel.finishAndReleaseAll();
  }

  @Test
  void badFlapMarkerClosesTheLoginConnection() {
    SimulatorState state = new SimulatorState(Clock.systemUTC(), Duration.ofSeconds(60));
    EmbeddedChannel channel = loginChannel(state);
    readFrame(channel);
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x41, 0x42, 0x43}));
    assertFalse(channel.isOpen());
  }

  // ---- helpers ----

  private static EmbeddedChannel loginChannel(SimulatorState state) {
    return new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD), new FlapFrameEncoder(0),
        new LoginServerHandler(state));
  }

  private static FlapFrame readFrame(EmbeddedChannel channel) {
    ByteBuf out = channel.readOutbound();
    EmbeddedChannel decoder = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    decoder.writeInbound(out);
    FlapFrame frame = decoder.readInbound();
    assertFalse(decoder.finish());
    return frame;
  }

  private static FlapFrame frame(byte[] dump) {
    EmbeddedChannel decoder = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    decoder.writeInbound(Unpooled.wrappedBuffer(dump));
    FlapFrame frame = decoder.readInbound();
    assertFalse(decoder.finish());
    return frame;
  }

  private static Snac snac(byte[] dump) {
    return Snac.fromFrame(frame(dump));
  }
}
