package net.icqtransport.oscar.flap;

import static net.icqtransport.oscar.HexDump.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.OscarProtocolException;
import org.junit.jupiter.api.Test;

class FlapFrameCodecTest {

  @Test
  void decodesAGoldenFrame() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    channel.writeInbound(Unpooled.wrappedBuffer(hex(Dumps.ICBM_ERROR)));
    FlapFrame frame = channel.readInbound();
    assertEquals(FlapChannel.DATA, frame.channel());
    assertEquals(0xEFD9, frame.sequence());
    assertEquals("00040001000000000014000e", frame.payloadHex());
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
  }

  @Test
  void encodesGoldenBytesWithTheGivenSequence() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameEncoder(0x135A));
    channel.writeOutbound(FlapFrame.of(FlapChannel.SIGNON, HexDump.flapPayload(Dumps.CLI_IDENT)));
    assertArrayEquals(hex(Dumps.CLI_IDENT), readAll(channel));
    assertFalse(channel.finish());
  }

  @Test
  void sequenceNumbersIncreaseAndWrap() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameEncoder(0xFFFF));
    channel.writeOutbound(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
    channel.writeOutbound(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
    assertArrayEquals(hex("2a05ffff0000 2a0500000000"), readAll(channel));
    assertFalse(channel.finish());
  }

  @Test
  void roundTripsThroughEncoderAndDecoder() {
    EmbeddedChannel out = new EmbeddedChannel(new FlapFrameEncoder(7));
    EmbeddedChannel in = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    byte[] big = new byte[FlapFrame.MAX_PAYLOAD];
    big[0] = 1;
    big[big.length - 1] = 2;
    List<FlapFrame> sent = List.of(
        FlapFrame.of(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1}),
        FlapFrame.of(FlapChannel.DATA, big),
        FlapFrame.of(FlapChannel.SIGNOFF, new byte[0]));
    sent.forEach(out::writeOutbound);
    in.writeInbound(Unpooled.wrappedBuffer(readAll(out)));
    for (int i = 0; i < sent.size(); i++) {
      FlapFrame received = in.readInbound();
      assertEquals(sent.get(i).channel(), received.channel());
      assertEquals(7 + i, received.sequence());
      assertArrayEquals(sent.get(i).payload(), received.payload());
    }
    assertNull(in.readInbound());
    assertFalse(out.finish());
    assertFalse(in.finish());
  }

  @Test
  void inputSplitAtEveryByteBoundaryYieldsTheSameFrames() {
    byte[] stream = concat(hex(Dumps.AUTH_KEY_REQUEST), hex(Dumps.CLI_IDENT), hex("2a0512340000"));
    List<FlapFrame> expected = decodeWhole(stream);
    assertEquals(3, expected.size());
    for (int split = 1; split < stream.length; split++) {
      EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
      channel.writeInbound(Unpooled.wrappedBuffer(stream, 0, split));
      channel.writeInbound(Unpooled.wrappedBuffer(stream, split, stream.length - split));
      assertEquals(expected, drain(channel), "split at " + split);
      assertFalse(channel.finish());
    }
  }

  @Test
  void inputFedOneByteAtATimeYieldsTheSameFrames() {
    byte[] stream = concat(hex(Dumps.ICBM_RECEIVE_CH1), hex(Dumps.AUTH_FAILED));
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    for (byte b : stream) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    assertEquals(decodeWhole(stream), drain(channel));
    assertFalse(channel.finish());
  }

  @Test
  void aChannelFourFrameCutOffByTheCloseBecomesAnEmptySignOff() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    // The old-client kick of real servers: marker, channel 4, sequence, and no length field.
    assertFalse(channel.writeInbound(Unpooled.wrappedBuffer(hex("2a04135a"))));
    assertTrue(channel.finish());
    FlapFrame frame = channel.readInbound();
    assertEquals(FlapChannel.SIGNOFF, frame.channel());
    assertEquals(0x135A, frame.sequence());
    assertEquals(0, frame.payload().length);
    assertNull(channel.readInbound());
  }

  @Test
  void otherRemnantsAtTheCloseAreDropped() {
    for (String remnant : List.of("2a", "2a0213", "2a02135a0010aabb", "2a050001")) {
      EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
      channel.writeInbound(Unpooled.wrappedBuffer(hex(remnant)));
      assertFalse(channel.finish(), remnant);
    }
  }

  @Test
  void badMarkerFailsAndDiscardsTheRest() {
    assertDecodeFailure(FlapFrame.MAX_PAYLOAD, hex("2b0200010000"), "marker");
  }

  @Test
  void unknownChannelFails() {
    assertDecodeFailure(FlapFrame.MAX_PAYLOAD, hex("2a0700010000"), "channel");
  }

  @Test
  void oversizedPayloadFailsBeforeItArrives() {
    assertDecodeFailure(16, hex("2a02000100 11"), "exceeds");
  }

  @Test
  void badMarkerAfterAGoodFrameStillDeliversTheGoodFrame() {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    byte[] stream = concat(hex("2a0500010000"), hex("ff"));
    DecoderException e = assertThrows(DecoderException.class,
        () -> channel.writeInbound(Unpooled.wrappedBuffer(stream)));
    assertInstanceOf(OscarProtocolException.class, e.getCause());
    FlapFrame first = channel.readInbound();
    assertEquals(FlapChannel.KEEPALIVE, first.channel());
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
  }

  private static void assertDecodeFailure(int limit, byte[] bad, String messagePart) {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(limit));
    DecoderException e = assertThrows(DecoderException.class,
        () -> channel.writeInbound(Unpooled.wrappedBuffer(concat(bad, hex("2a0500020000")))));
    OscarProtocolException cause = assertInstanceOf(OscarProtocolException.class, e.getCause());
    org.junit.jupiter.api.Assertions.assertTrue(cause.getMessage().contains(messagePart), cause.getMessage());
    // Everything after the failure is discarded, including well-formed frames.
    channel.writeInbound(Unpooled.wrappedBuffer(hex("2a0500030000")));
    assertNull(channel.readInbound());
    assertFalse(channel.finish());
  }

  private static List<FlapFrame> decodeWhole(byte[] stream) {
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    channel.writeInbound(Unpooled.wrappedBuffer(stream));
    List<FlapFrame> frames = drain(channel);
    assertFalse(channel.finish());
    return frames;
  }

  private static List<FlapFrame> drain(EmbeddedChannel channel) {
    List<FlapFrame> frames = new ArrayList<>();
    for (FlapFrame f = channel.readInbound(); f != null; f = channel.readInbound()) {
      frames.add(f);
    }
    return frames;
  }

  static byte[] readAll(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b = channel.readOutbound(); b != null; b = channel.readOutbound()) {
      all.writeBytes(b);
      b.release();
    }
    return ByteBufUtil.getBytes(all);
  }

  static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.buffer();
    for (byte[] p : parts) {
      all.writeBytes(p);
    }
    return ByteBufUtil.getBytes(all);
  }
}
