package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of {@link SimulatorFlapEncoder}: well-formed frames as the shared encoder numbers them, the
 * old-client kick cut after the sequence number, and split start bytes, seen as TCP writes and flushes in order.
 */
class SimulatorFlapEncoderTest {
  @Test
  void framesAreNumberedFromTheFirstSequenceAndWrap() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(recorder, new SimulatorFlapEncoder(0xFFFF, false));
    channel.writeAndFlush(FlapFrame.of(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1}));
    channel.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
    assertEquals(List.of("2a01ffff000400000001", "flush", "2a0500000000", "flush"), recorder.events);
    assertEquals(List.of("2a01ffff000400000001", "2a0500000000"), drain(channel));
    assertFalse(channel.finish());
  }

  /** The shared decoder reads what this encoder writes, split at every byte. */
  @Test
  void theSharedDecoderReadsItBack() {
    EmbeddedChannel channel = new EmbeddedChannel(new SimulatorFlapEncoder(0x1234, false));
    FlapFrame frame = FlapFrame.of(FlapChannel.DATA, HexFormat.of().parseHex("000100030000800000010001"));
    channel.writeAndFlush(frame);
    byte[] bytes = HexFormat.of().parseHex(drain(channel).get(0));
    for (int split = 1; split < bytes.length; split++) {
      EmbeddedChannel decoder = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
      decoder.writeInbound(Unpooled.wrappedBuffer(bytes, 0, split));
      decoder.writeInbound(Unpooled.wrappedBuffer(bytes, split, bytes.length - split));
      assertEquals(new FlapFrame(FlapChannel.DATA, 0x1234, frame.payload()), decoder.readInbound());
      assertFalse(decoder.finish());
    }
    assertFalse(channel.finish());
  }

  @Test
  void oldClientKickIsFourBytesWithTheNextSequence() {
    EmbeddedChannel channel = new EmbeddedChannel(new SimulatorFlapEncoder(0x1234, false));
    channel.writeAndFlush(FlapFrame.of(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1}));
    channel.writeAndFlush(TruncatedFlapFrame.oldClientKick());
    assertEquals(List.of("2a011234000400000001", "2a041235"), drain(channel));
    assertFalse(channel.finish());
  }

  @Test
  void splitStartFlushesTheStartByteAloneBeforeTheRest() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(recorder, new SimulatorFlapEncoder(0x0042, false));
    channel.writeAndFlush(new SplitStartFlapFrame(ServerSnacs.signOffWithoutReason()));
    channel.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
    assertEquals(List.of("2a", "flush", "0400420000", "flush", "2a0500430000", "flush"), recorder.events);
    assertEquals(List.of("2a", "0400420000", "2a0500430000"), drain(channel));
    assertFalse(channel.finish());
  }

  @Test
  void splitStartForEveryFrameIncludingTheKick() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(recorder, new SimulatorFlapEncoder(7, true));
    channel.writeAndFlush(FlapFrame.of(FlapChannel.SIGNON, new byte[] {0, 0, 0, 1}));
    channel.writeAndFlush(TruncatedFlapFrame.oldClientKick());
    assertEquals(List.of("2a", "flush", "010007000400000001", "flush", "2a", "flush", "040008", "flush"),
        recorder.events);
    drain(channel);
    assertFalse(channel.finish());
  }

  @Test
  void rawBuffersPassUnchanged() {
    EmbeddedChannel channel = new EmbeddedChannel(new SimulatorFlapEncoder(0, false));
    channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    channel.writeAndFlush(Unpooled.EMPTY_BUFFER);
    channel.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
    assertEquals(List.of("010203", "", "2a0500000000"), drain(channel), "raw writes take no sequence number");
    assertFalse(channel.finish());
  }

  /** Every outbound buffer so far, in hex, released. */
  private static List<String> drain(EmbeddedChannel channel) {
    List<String> written = new ArrayList<>();
    for (ByteBuf buffer; (buffer = channel.readOutbound()) != null; ) {
      written.add(ByteBufUtil.hexDump(buffer));
      buffer.release();
    }
    return written;
  }

  /** Sits at the head of the pipeline: records what the encoder hands to the socket, and each flush. */
  /**
   * In the simulator's pipeline the SNACs one read causes leave in one TCP write at the read's end, but a split
   * start byte still gets a write of its own (a consolidation below the encoder would hold its flush too).
   */
  @Test
  void duringAReadTheAnswersLeaveTogetherAndASplitStartByteStillAlone() {
    Recorder recorder = new Recorder();
    EmbeddedChannel channel = new EmbeddedChannel(recorder);
    OscarSimulator.addFlapHandlers(channel.pipeline(), FlapFrame.MAX_PAYLOAD, false,
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object frame) {
            ctx.writeAndFlush(new SplitStartFlapFrame(ServerSnacs.signOffWithoutReason()));
            ctx.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
            ctx.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, new byte[0]));
          }
        });

    channel.writeInbound(Unpooled.wrappedBuffer(HexFormat.of().parseHex("2a0500010000")));

    List<String> kinds = recorder.events.stream().map(event -> event.equals("flush") ? event
        : event.equals("2a") ? "start byte" : "bytes").toList();
    assertEquals(List.of("start byte", "flush", "bytes", "bytes", "bytes", "flush"), kinds);
    channel.finishAndReleaseAll();
  }

  private static final class Recorder extends ChannelOutboundHandlerAdapter {
    private final List<String> events = new ArrayList<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      events.add(ByteBufUtil.hexDump((ByteBuf) msg));
      ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
      events.add("flush");
      ctx.flush();
    }
  }
}
