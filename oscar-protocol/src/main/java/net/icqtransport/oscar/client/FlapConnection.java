package net.icqtransport.oscar.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.client.rate.EventLoopRateScheduler;
import net.icqtransport.oscar.client.rate.RateLimiter;
import net.icqtransport.oscar.client.rate.RateQueueFullException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.service.RateChange;
import net.icqtransport.oscar.snac.service.RateParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client TCP connection speaking FLAP, confined to its event loop. It numbers SNAC request ids and reports
 * frames and exactly one end ({@link Listener#connectionEnded}) to its current listener, unless this side
 * closed it with {@link #close()}.
 *
 * <p>Once the server has sent its rate classes (SNAC(01,07)), every SNAC sent goes through the connection's
 * {@link RateLimiter}, which SNAC(01,0A) adjusts; both are taken here before the listener sees them. A
 * signed-on connection that has read nothing for half the reader-idle timeout asks for its own info
 * (SNAC(01,0E)); after the whole timeout it ends as {@link End#STALLED}.
 */
public final class FlapConnection {
  private static final Logger LOG = LoggerFactory.getLogger(FlapConnection.class);
  /**
   * Read sizes: at least 2 KiB a read, 8 KiB to begin with, so that what a server sent while the loop was busy (a
   * server ack 04/0C and an incoming 04/07 are about 200 bytes a message) comes in one system call. Netty's default
   * guess follows small reads down to 64 bytes, and a burst then takes several reads (issue #20). The buffer lives
   * only for the read, so idle sessions hold none.
   */
  private static final AdaptiveRecvByteBufAllocator READ_BUFFERS =
      new AdaptiveRecvByteBufAllocator(2 * 1024, 8 * 1024, 64 * 1024);

  /** Why a connection ended without this side closing it. */
  public enum End {
    /** The TCP connection could not be established. */
    CONNECT_FAILED,
    /**
     * The TLS handshake failed; the cause is a {@code CertificateRefusedException} when the server's
     * certificate was refused (RFC 6125 §6), else the handshake's own exception.
     */
    TLS_FAILED,
    /** The peer closed or reset the connection. */
    CLOSED,
    /** The peer sent bytes that break OSCAR; this side closed the connection. */
    PROTOCOL_ERROR,
    /** Nothing arrived for the reader-idle timeout; this side closed the connection. */
    STALLED,
    /** More SNACs waited for the rate limits than the bound allows; this side closed the connection. */
    OVERLOADED
  }

  /** Receives a connection's events, on its event loop. */
  public interface Listener {
    void frameReceived(FlapConnection connection, FlapFrame frame);

    void connectionEnded(FlapConnection connection, End end, Throwable cause);
  }

  private final String host;
  private final String peer;
  private final Duration readerIdleTimeout;
  private final int maxRateQueue;
  private RateLimiter rateLimiter;
  private Channel channel;
  private Listener listener;
  private boolean ended;
  /**
   * False until {@link #connect} has returned: an end found while it runs (an unresolvable host fails inside
   * {@code Bootstrap.connect} when called on the event loop) is reported on a later turn of the loop, once the
   * caller holds the connection and can recognise it.
   */
  private volatile boolean handedOut = true;
  private long nextRequestId = 1;

  private FlapConnection(String host, String peer, Duration readerIdleTimeout, int maxRateQueue, Listener listener) {
    this.host = host;
    this.peer = peer;
    this.readerIdleTimeout = readerIdleTimeout;
    this.maxRateQueue = maxRateQueue;
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Starts connecting on {@code loop}; all callbacks run there. */
  public static FlapConnection connect(
      EventLoop loop, String host, int port, OscarClientConfig config, Listener listener) {
    FlapConnection connection = new FlapConnection(host, host + ":" + port, config.readerIdleTimeout(),
        config.maxRateQueue(), listener);
    connection.handedOut = false;

    Bootstrap bootstrap = new Bootstrap()
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.RCVBUF_ALLOCATOR, READ_BUFFERS)
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connection.channel = ch;
            SslContext tls;
            try {
              tls = OscarPipeline.tlsContext(config);
            } catch (GeneralSecurityException | IOException e) {
              // A CA file that cannot be read: this connection fails as a TLS failure, before any byte is sent.
              connection.end(End.TLS_FAILED,
                  new IOException("cannot load the trusted CAs (" + config.tls() + "): " + e.getMessage(), e));
              return;
            }
            OscarPipeline.configure(ch.pipeline(), config, tls, host, port, new FlapClientHandler(connection));
          }
        });
    ChannelFuture future = bootstrap.connect(host, port);
    connection.channel = future.channel();
    future.addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        connection.end(End.CONNECT_FAILED, f.cause());
      }
    });
    connection.handedOut = true;
    return connection;
  }

  /** For tests: a connection over an existing channel whose pipeline holds a {@link FlapClientHandler}. */
  static FlapConnection attach(Channel channel, Listener listener) {
    return attach(channel, Duration.ofMinutes(3), OscarClientConfig.DEFAULT_MAX_RATE_QUEUE, listener);
  }

  /** For tests: as {@link #attach(Channel, Listener)} with the given stall timeout and rate queue bound. */
  static FlapConnection attach(Channel channel, Duration readerIdleTimeout, int maxRateQueue, Listener listener) {
    FlapConnection connection = new FlapConnection(String.valueOf(channel.remoteAddress()),
        String.valueOf(channel.remoteAddress()), readerIdleTimeout,
        maxRateQueue, listener);
    connection.channel = channel;
    return connection;
  }

  /** The host connected to, as given (the name its TLS certificate must carry). */
  public String host() {
    return host;
  }

  /** The "host:port" connected to, for logs. */
  public String peer() {
    return peer;
  }

  /** The local end of the connection (the address a peer-to-peer listener may advertise), if it is a socket. */
  public java.util.Optional<java.net.InetSocketAddress> localAddress() {
    return channel.localAddress() instanceof java.net.InetSocketAddress address
        ? java.util.Optional.of(address) : java.util.Optional.empty();
  }

  public EventLoop eventLoop() {
    return channel.eventLoop();
  }

  public boolean isOpen() {
    return !ended && channel.isActive();
  }

  /** Runs {@code action} once the TCP connection is closed, whoever closed it (at once if it already is). */
  public void whenClosed(Runnable action) {
    channel.closeFuture().addListener(closed -> action.run());
  }

  /**
   * From now on, consolidates the flushes of this connection's writes ({@link OscarPipeline#consolidateFlushes}):
   * for a session's traffic, once its login is done. Call on the event loop.
   */
  public void consolidateFlushes() {
    OscarPipeline.consolidateFlushes(channel.pipeline());
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

  /** Sends a frame; a SNAC frame goes through the rate limiter once there is one. */
  public void send(FlapFrame frame) {
    if (rateLimiter != null && frame.channel() == FlapChannel.DATA) {
      send(Snac.decode(frame.payload()));
    } else {
      channel.writeAndFlush(frame);
    }
  }

  /** Sends a SNAC with a fresh request id and returns that id. */
  public long send(LongFunction<Snac> snac) {
    long requestId = nextRequestId();
    send(snac.apply(requestId));
    return requestId;
  }

  /**
   * Sends a SNAC now or, once the rate classes are known, when its class allows. Call on the event loop. A
   * rate queue over its bound ends the connection ({@link End#OVERLOADED}); nothing is dropped silently.
   */
  public void send(Snac snac) {
    if (ended) {
      return;
    }
    if (rateLimiter == null) {
      channel.writeAndFlush(snac.toFrame());
      return;
    }
    try {
      rateLimiter.submit(snac);
    } catch (RateQueueFullException e) {
      end(End.OVERLOADED, e);
    }
  }

  /** SNACs waiting for the rate limits (0 before SNAC(01,07)), for metrics; readable from any thread. */
  public int rateQueueDepth() {
    RateLimiter limiter = rateLimiter;
    return limiter == null ? 0 : limiter.queueDepth();
  }

  /** How many SNACs had to wait for the rate limits on this connection, for metrics. */
  public long rateLimitWaits() {
    RateLimiter limiter = rateLimiter;
    return limiter == null ? 0 : limiter.waits();
  }

  /** The connection's rate limiter, once the server has sent its rate classes. */
  public java.util.Optional<RateLimiter> rateLimiter() {
    return java.util.Optional.ofNullable(rateLimiter);
  }

  /** Closes from this side: no {@link Listener#connectionEnded} follows. */
  public void close() {
    ended = true;
    stopRateLimiter();
    channel.close();
  }

  /** Sends an empty channel-4 frame (sign-off), then closes; no {@link Listener#connectionEnded} follows. */
  public void signOff() {
    ended = true;
    stopRateLimiter();
    if (channel.isActive()) {
      channel.writeAndFlush(FlapFrame.of(FlapChannel.SIGNOFF, new byte[0])).addListener(ChannelFutureListener.CLOSE);
    } else {
      channel.close();
    }
  }

  void frameReceived(FlapFrame frame) {
    if (!ended) {
      if (frame.channel() == FlapChannel.DATA) {
        takeRateSnac(frame);
      }
      listener.frameReceived(this, frame);
    }
  }

  /** SNAC(01,07) installs or updates the rate limiter, SNAC(01,0A) adjusts it; the listener sees both too. */
  private void takeRateSnac(FlapFrame frame) {
    // Read in place: every frame received comes this way, and few are rate SNACs.
    if (frame.payloadLength() < Snac.HEADER_LENGTH || frame.payloadUnsignedShort(0) != 1) {
      return;
    }
    int subtype = frame.payloadUnsignedShort(2);
    try {
      if (subtype == SnacType.SERVICE_RATE_PARAMS.subtype()) {
        RateParameters parameters = RateParameters.decode(Snac.fromFrame(frame));
        if (rateLimiter == null) {
          rateLimiter = new RateLimiter(parameters, new EventLoopRateScheduler(channel.eventLoop()),
              snac -> channel.writeAndFlush(snac.toFrame()), maxRateQueue);
        } else {
          rateLimiter.update(parameters);
        }
      } else if (subtype == SnacType.SERVICE_RATE_CHANGE.subtype() && rateLimiter != null) {
        rateLimiter.rateChanged(RateChange.decode(Snac.fromFrame(frame)));
      }
    } catch (OscarProtocolException e) {
      // The listener decodes the same SNAC and decides what a broken one means.
      LOG.debug("{}: unreadable rate SNAC: {}", peer, e.getMessage());
    }
  }

  /** Half the reader-idle timeout without data ({@code first}), then the whole of it. */
  void readerIdle(boolean first) {
    if (ended) {
      return;
    }
    if (first) {
      if (rateLimiter != null) {
        LOG.debug("{}: nothing read for {} ms, asking for own info", peer, readerIdleTimeout.toMillis() / 2);
        send(id -> Snac.build(SnacType.SERVICE_SELF_INFO_REQUEST, id, out -> { }));
      }
    } else {
      end(End.STALLED, new TimeoutException("no data from the server for " + describe(readerIdleTimeout)));
    }
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private void stopRateLimiter() {
    if (rateLimiter != null) {
      rateLimiter.close();
    }
  }

  void end(End end, Throwable cause) {
    if (ended) {
      return;
    }
    ended = true;
    stopRateLimiter();
    if (end == End.TLS_FAILED) {
      LOG.error("TLS with {} failed: {}", peer, cause == null ? "handshake failed" : cause.getMessage());
    } else if (end == End.PROTOCOL_ERROR || end == End.STALLED || end == End.OVERLOADED) {
      LOG.warn("Closing connection to {}: {}", peer, cause == null ? "protocol error" : cause.getMessage());
    } else {
      LOG.debug("Connection to {} ended: {}", peer, end, cause);
    }
    channel.close();
    if (handedOut) {
      listener.connectionEnded(this, end, cause);
    } else {
      Listener current = listener;
      channel.eventLoop().execute(() -> current.connectionEnded(this, end, cause));
    }
  }

  @Override
  public String toString() {
    return "FlapConnection[" + peer + "]";
  }
}
