package net.icqtransport.oscar.flap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import net.icqtransport.oscar.OscarProtocolException;

/**
 * Bytes → {@link FlapFrame}. Frames may arrive split over any number of reads (some servers send the 0x2A
 * marker alone) or several in one read. A bad marker, an unknown channel or a payload over the limit raises
 * {@link OscarProtocolException}; the decoder then discards everything that follows, so the handler that
 * sees the exception closes this one connection.
 *
 * <p>When the connection closes, a cut-off channel-4 frame left in the buffer still counts as the server's
 * sign-off: real servers kick an "old" client (channel-1 login without TLV 0x4A) with exactly the four bytes
 * {@code 2A 04 <seq>}, without a length field, and close TCP. {@link #decodeLast} turns such a remnant (at
 * least the marker and channel 4) into an empty {@link FlapChannel#SIGNOFF} frame, so the session ends as
 * "signed off by the server", not as a lost connection. Any other remnant is dropped with the connection.
 */
public final class FlapFrameDecoder extends ByteToMessageDecoder {
  /** FLAP header: marker, channel, sequence u16, length u16. */
  public static final int HEADER_LENGTH = 6;
  public static final int MARKER = 0x2A;

  private final int maxPayloadLength;
  private boolean failed;

  /**
   * @param maxPayloadLength the largest payload accepted, at most {@link FlapFrame#MAX_PAYLOAD}
   */
  public FlapFrameDecoder(int maxPayloadLength) {
    if (maxPayloadLength < 0 || maxPayloadLength > FlapFrame.MAX_PAYLOAD) {
      throw new IllegalArgumentException("maxPayloadLength out of range: " + maxPayloadLength);
    }
    this.maxPayloadLength = maxPayloadLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= 1) {
      int start = in.readerIndex();
      int marker = in.getUnsignedByte(start);
      if (marker != MARKER) {
        fail(in, String.format("bad FLAP marker 0x%02X", marker));
      }
      if (in.readableBytes() < HEADER_LENGTH) {
        return;
      }
      int channelCode = in.getUnsignedByte(start + 1);
      FlapChannel channel;
      try {
        channel = FlapChannel.fromCode(channelCode);
      } catch (OscarProtocolException e) {
        fail(in, e.getMessage());
        return;
      }
      int sequence = in.getUnsignedShort(start + 2);
      int length = in.getUnsignedShort(start + 4);
      if (length > maxPayloadLength) {
        fail(in, "FLAP payload of " + length + " bytes exceeds the limit of " + maxPayloadLength);
      }
      if (in.readableBytes() < HEADER_LENGTH + length) {
        return;
      }
      in.skipBytes(HEADER_LENGTH);
      byte[] payload = new byte[length];
      in.readBytes(payload);
      out.add(FlapFrame.decoded(channel, sequence, payload));
    }
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (in.isReadable()) {
      decode(ctx, in, out);
    }
    if (failed || in.readableBytes() < 2) {
      return;
    }
    int start = in.readerIndex();
    if (in.getUnsignedByte(start) == MARKER && in.getUnsignedByte(start + 1) == FlapChannel.SIGNOFF.code()) {
      int sequence = in.readableBytes() >= 4 ? in.getUnsignedShort(start + 2) : 0;
      in.skipBytes(in.readableBytes());
      out.add(new FlapFrame(FlapChannel.SIGNOFF, sequence, new byte[0]));
    }
  }

  private void fail(ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    throw new OscarProtocolException(reason);
  }
}
