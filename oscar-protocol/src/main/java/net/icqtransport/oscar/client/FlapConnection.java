package net.icqtransport.oscar.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Objects;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection speaking FLAP, confined to its event loop. It numbers SNAC request ids and reports
 * frames and exactly one end ({@link Listener#connectionEnded}) to its current listener, unless this side
 * closed it with {@link #close()}.
 */
public final class FlapConnection {
  private static final Logger LOG = LoggerFactory.getLogger(FlapConnection.class);

  /** Why a connection ended without this side closing it. */
  public enum End {
    /** The TCP connection could not be established. */
    CONNECT_FAILED,
    /** The peer closed or reset the connection. */
    CLOSED,
    /** The peer sent bytes that break OSCAR; this side closed the connection. */
    PROTOCOL_ERROR
  }

  /** Receives a connection's events, on its event loop. */
  public interface Listener {
    void frameReceived(FlapConnection connection, FlapFrame frame);

    void connectionEnded(FlapConnection connection, End end, Throwable cause);
  }

  private final String peer;
  private Channel channel;
  private Listener listener;
  private boolean ended;
  private long nextRequestId = 1;

  private FlapConnection(String peer, Listener listener) {
    this.peer = peer;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Starts connecting on {@code loop}; all callbacks run there. */
  public static FlapConnection connect(
      EventLoop loop, String host, int port, OscarClientConfig config, Listener listener) {
    FlapConnection connection = new FlapConnection(host + ":" + port, listener);
    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            OscarPipeline.configure(ch.pipeline(), config, new FlapClientHandler(connection));
          }
        });
    ChannelFuture future = bootstrap.connect(host, port);
    connection.channel = future.channel();
    future.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        connection.end(End.CONNECT_FAILED, f.cause());
      }
    });
    return connection;
  }

  /** For tests: a connection over an existing channel whose pipeline holds a {@link FlapClientHandler}. */
  static FlapConnection attach(Channel channel, Listener listener) {
    FlapConnection connection = new FlapConnection(String.valueOf(channel.remoteAddress()), listener);
    connection.channel = channel;
    return connection;
  }

  /** The "host:port" connected to, for logs. */
  public String peer() {
    return peer;
  }

  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  public boolean isOpen() {
    return !ended && channel.isActive();
  }

  /** Hands the connection to another listener (login state machine → session); call on the event loop. */
  public void setListener(Listener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** The next SNAC request id of this connection (never 0, wraps within 31 bits). */
  public long nextRequestId() {
    long id = nextRequestId;
    nextRequestId = nextRequestId >= 0x7FFFFFFFL ? 1 : nextRequestId + 1;
    return id;
  }

  public ChannelFuture send(FlapFrame frame) {
    return channel.writeAndFlush(frame);
  }

  /** Sends a SNAC with a fresh request id and returns that id. */
  public long send(java.util.function.LongFunction<Snac> snac) {
    long requestId = nextRequestId();
    send(snac.apply(requestId).toFrame());
    return requestId;
  }

  /** Closes from this side: no {@link Listener#connectionEnded} follows. */
  public void close() {
    ended = true;
    channel.close();
  }

  /** Sends an empty channel-4 frame (sign-off), then closes; no {@link Listener#connectionEnded} follows. */
  public void signOff() {
    ended = true;
    if (channel.isActive()) {
      channel.writeAndFlush(FlapFrame.of(FlapChannel.SIGNOFF, new byte[0])).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  void frameReceived(FlapFrame frame) {
    if (!ended) {
      listener.frameReceived(this, frame);
    }
  }

  void end(End end, Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    if (end == End.PROTOCOL_ERROR) {
      LOG.warn("Closing connection to {}: {}", peer, cause == null ? "protocol error" : cause.getMessage());
    } else {
      LOG.debug("Connection to {} ended: {}", peer, end, cause);
    }
    channel.close();
    listener.connectionEnded(this, end, cause);
  }

  @Override
  public String toString() {
    return "FlapConnection[" + peer + "]";
  }
}
