package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.icqtransport.oscar.flap.FlapFrameEncoder;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * A raw FLAP/SNAC test driver over real TCP, on the shared codecs: frames received queue up, tests take them
 * in order or wait for a particular SNAC. Knows nothing of our OSCAR client.
 */
final class TestFlapClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Marks the end of the stream in the queue. */
  private static final FlapFrame CLOSED = FlapFrame.of(FlapChannel.ERROR, new byte[] {(byte) 0xDE, (byte) 0xAD});

  private final EventLoopGroup group;
  private final Channel channel;
  private final LinkedBlockingQueue<FlapFrame> received = new LinkedBlockingQueue<>();
  private final List<Snac> skipped = new ArrayList<>();
  private long nextRequestId = 1;
  private boolean closedSeen;

  private TestFlapClient(InetSocketAddress address) throws InterruptedException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD), new FlapFrameEncoder(),
                new SimpleChannelInboundHandler<FlapFrame>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FlapFrame frame) {
                    received.add(frame);
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    received.add(CLOSED);
                  }
                });
          }
        })
        .connect(address).sync().channel();
  }

  static TestFlapClient connect(InetSocketAddress address) throws InterruptedException {
    return new TestFlapClient(address);
  }

  void send(FlapFrame frame) {
    channel.writeAndFlush(frame).syncUninterruptibly();
  }

  /** Sends a SNAC with a fresh request id, which it returns. */
  long send(int family, int subtype, Consumer<ByteBuf> body) {
    long id = nextRequestId++;
    ByteBuf buffer = Unpooled.buffer();
    body.accept(buffer);
    byte[] data = new byte[buffer.readableBytes()];
    buffer.readBytes(data);
    send(new Snac(family, subtype, 0, id, data).toFrame());
    return id;
  }

  long send(int family, int subtype) {
    return send(family, subtype, out -> { });
  }

  /** Raw bytes, past the FLAP encoder (for malformed input). */
  void sendRaw(byte[] bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes)).syncUninterruptibly();
  }

  /** Channel 1 with {@code 00 00 00 01} and the given TLVs. */
  void sendSignOn(TlvChain tlvs) {
    ByteBuf out = Unpooled.buffer();
    out.writeInt(1);
    tlvs.writeChain(out);
    byte[] payload = new byte[out.readableBytes()];
    out.readBytes(payload);
    send(FlapFrame.of(FlapChannel.SIGNON, payload));
  }

  /** The next frame, whatever it is; fails on timeout or if the server closed. */
  FlapFrame next() throws InterruptedException {
    FlapFrame frame = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      fail("no frame within " + TIMEOUT);
    }
    if (frame == CLOSED) {
      closedSeen = true;
      fail("server closed the connection");
    }
    return frame;
  }

  FlapFrame next(FlapChannel channel) throws InterruptedException {
    FlapFrame frame = next();
    assertEquals(channel, frame.channel(), "channel of " + frame);
    return frame;
  }

  /**
   * The first SNAC of that type, among those set aside earlier or arriving next; SNACs of other types that
   * arrive meanwhile are set aside (in order) for later calls.
   */
  Snac awaitSnac(int family, int subtype) throws InterruptedException {
    for (var it = skipped.iterator(); it.hasNext(); ) {
      Snac snac = it.next();
      if (snac.family() == family && snac.subtype() == subtype) {
        it.remove();
        return snac;
      }
    }
    while (true) {
      FlapFrame frame = next();
      if (frame.channel() != FlapChannel.DATA) {
        fail("expected SNAC " + family + "/" + subtype + ", got " + frame);
      }
      Snac snac = Snac.fromFrame(frame);
      if (snac.family() == family && snac.subtype() == subtype) {
        return snac;
      }
      skipped.add(snac);
    }
  }

  /** True if no SNAC of that type is set aside or arrives within {@code wait}. */
  boolean noSnacWithin(Duration wait, int family, int subtype) throws InterruptedException {
    if (skipped.stream().anyMatch(snac -> snac.family() == family && snac.subtype() == subtype)) {
      return false;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      FlapFrame frame = received.poll(10, TimeUnit.MILLISECONDS);
      if (frame == null) {
        continue;
      }
      if (frame == CLOSED) {
        received.add(CLOSED);
        return true;
      }
      if (frame.channel() == FlapChannel.DATA) {
        Snac snac = Snac.fromFrame(frame);
        if (snac.family() == family && snac.subtype() == subtype) {
          return false;
        }
        skipped.add(snac);
      }
    }
    return true;
  }

  List<Snac> skipped() {
    return skipped;
  }

  /** Waits for the server to close the connection, returning frames that came first. */
  List<FlapFrame> awaitClosed() throws InterruptedException {
    List<FlapFrame> before = new ArrayList<>();
    if (closedSeen) {
      return before;
    }
    while (true) {
      FlapFrame frame = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (frame == null) {
        fail("connection still open after " + TIMEOUT);
      }
      if (frame == CLOSED) {
        closedSeen = true;
        return before;
      }
      before.add(frame);
    }
  }

  boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
