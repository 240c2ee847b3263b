package net.icqtransport.xmpp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.util.List;
import java.util.Objects;
import org.xmpp.packet.Packet;

/**
 * One authenticated XEP-0114 stream on a Netty channel ({@link NettyConnector}). Stanzas are read on the channel's
 * event loop ({@link ComponentStreamHandler}); {@link #write} serializes a batch ({@link StanzaBatchWriter}) into
 * one buffer and hands it to the channel with one flush. Called on the channel's
 * event loop it does not wait: the bytes go to the socket at once, or wait in the channel's outbound buffer. Called
 * from another thread it waits until the event loop has handed them to the socket, so that a link lost meanwhile is
 * reported (0 written) and the stanzas are written again on the next link.
 */
final class NettyComponentLink implements ComponentLink {
  /** Closes our side of the stream (RFC 6120 §4.4). */
  static final String STREAM_END = "</stream:stream>";

  private final Channel channel;
  /** Guarded by itself. */
  private final StanzaBatchWriter serializer = new StanzaBatchWriter();
  private volatile boolean closed;

  NettyComponentLink(Channel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public int write(List<Packet> stanzas) {
    if (!isOpen()) {
      return 0;
    }
    ByteBuf bytes;
    synchronized (serializer) {
      bytes = ByteBufUtil.writeUtf8(channel.alloc(), serializer.serialize(stanzas));
    }
    ChannelFuture written = channel.writeAndFlush(bytes);
    if (channel.eventLoop().inEventLoop()) {
      return written.isDone() && !written.isSuccess() ? 0 : stanzas.size();
    }
    written.awaitUninterruptibly();
    return written.isSuccess() ? stanzas.size() : 0;
  }

  @Override
  public boolean writesWithoutWaiting() {
    return channel.eventLoop().inEventLoop();
  }

  @Override
  public void awaitClosed() throws InterruptedException {
    channel.closeFuture().await();
  }

  @Override
  public boolean isOpen() {
    return !closed && channel.isActive();
  }

  /**
   * Ends the stream and closes the connection without waiting for the event loop to do it ({@link #awaitClosed}
   * waits): the component's stop calls this while it holds the gate that the loop's reader may be waiting at.
   */
  @Override
  public void close() {
    closed = true;
    if (channel.isActive()) {
      channel.writeAndFlush(ByteBufUtil.writeAscii(channel.alloc(), STREAM_END));
    }
    channel.close();
  }
}
