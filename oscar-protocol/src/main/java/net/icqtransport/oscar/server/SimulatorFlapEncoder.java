package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.ThreadLocalRandom;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;

/**
 * The simulator's FLAP encoder: numbers frames like {@link net.icqtransport.oscar.flap.FlapFrameEncoder} (one
 * series per connection, random start, wrapping at 0xFFFF) and can also write what real servers write but a
 * well-formed encoder cannot (OSCAR-SERVERS.md, "Sign-on and kicks"): a {@link TruncatedFlapFrame} (the
 * old-client kick, carrying the next sequence number) and frames whose 0x2A start byte is flushed in a TCP write
 * of its own ({@link SplitStartFlapFrame}, or every frame with {@code splitStart}). Anything else (a raw {@link
 * ByteBuf}) passes unchanged. Runs on the connection's event loop only; not sharable.
 */
final class SimulatorFlapEncoder extends ChannelOutboundHandlerAdapter {
  private final boolean splitStart;
  private int nextSequence;

  /** Starts the sequence series at a random value, as servers do. */
  SimulatorFlapEncoder(boolean splitStart) {
    this(ThreadLocalRandom.current().nextInt(0x8000), splitStart);
  }

  /** Starts the sequence series at {@code firstSequence} (for tests with golden bytes). */
  SimulatorFlapEncoder(int firstSequence, boolean splitStart) {
    this.nextSequence = firstSequence & 0xFFFF;
    this.splitStart = splitStart;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof FlapFrame frame) {
      write(ctx, frame.channel(), frame.payload(), splitStart, promise);
    } else if (msg instanceof SplitStartFlapFrame split) {
      write(ctx, split.frame().channel(), split.frame().payload(), true, promise);
    } else if (msg instanceof TruncatedFlapFrame truncated) {
      write(ctx, truncated.channel(), null, splitStart, promise);
    } else {
      ctx.write(msg, promise);
    }
  }

  /** One frame; {@code payload} null for a header without length field (a truncated frame). */
  private void write(ChannelHandlerContext ctx, FlapChannel channel, byte[] payload, boolean split,
      ChannelPromise promise) {
    int sequence = nextSequence;
    nextSequence = (nextSequence + 1) & 0xFFFF;
    if (split) {
      // Its own flush, hence its own TCP segment (TCP_NODELAY is on); a failure shows on the rest's promise.
      ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte(FlapFrameDecoder.MARKER));
    }
    ByteBuf out = ctx.alloc().buffer(FlapFrameDecoder.HEADER_LENGTH + (payload == null ? 0 : payload.length));
    if (!split) {
      out.writeByte(FlapFrameDecoder.MARKER);
    }
    out.writeByte(channel.code());
    out.writeShort(sequence);
    if (payload != null) {
      out.writeShort(payload.length);
      out.writeBytes(payload);
    }
    ctx.write(out, promise);
  }
}
