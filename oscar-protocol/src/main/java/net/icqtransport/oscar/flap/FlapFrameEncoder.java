package net.icqtransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link FlapFrame} → bytes, numbering frames with this connection's own sequence series (one per connection
 * and direction, starting at a random value, wrapping at 0xFFFF). Not sharable: one per connection.
 */
public final class FlapFrameEncoder extends MessageToByteEncoder<FlapFrame> {
  private int nextSequence;

  /** Starts the sequence series at a random value, as clients do. */
  public FlapFrameEncoder() {
    this(ThreadLocalRandom.current().nextInt(0x8000));
  }

  /** Starts the sequence series at {@code firstSequence} (for tests with golden bytes). */
  public FlapFrameEncoder(int firstSequence) {
    super(FlapFrame.class);
    this.nextSequence = firstSequence & 0xFFFF;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, FlapFrame frame, ByteBuf out) {
    out.ensureWritable(FlapFrameDecoder.HEADER_LENGTH + frame.payloadLength());
    out.writeByte(FlapFrameDecoder.MARKER);
    out.writeByte(frame.channel().code());
    out.writeShort(nextSequence);
    out.writeShort(frame.payloadLength());
    frame.writePayload(out);
    nextSequence = (nextSequence + 1) & 0xFFFF;
  }
}
