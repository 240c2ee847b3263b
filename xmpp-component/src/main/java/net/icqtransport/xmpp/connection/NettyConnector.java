package net.icqtransport.xmpp.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;
import net.icqtransport.core.tls.CertificateRefusedException;
import net.icqtransport.xmpp.ComponentSettings;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.Packet;

/**
 * Opens XEP-0114 links on Netty event loops ({@link NettyComponentLink}): the stream is read and written on an
 * event loop of {@code loops} with no thread of its own, so a stanza read is handed to the user's lane, and the
 * stanzas a turn of that loop sends are written, without waking another thread (issue #20). With TLS the
 * certificate is checked against the trusted CAs and the host name (RFC 6125 §6, the JDK's HTTPS endpoint
 * identification) before the stream opens. A busy stream is read once per {@link ComponentSettings#readCoalescing()}
 * ({@link ReadCoalescing}).
 */
public final class NettyConnector implements ComponentConnector {
  /** For the TCP connection, the TLS handshake, and the component handshake each. */
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A whitespace keepalive when nothing was written for this long (Whack's period). */
  private static final Duration KEEPALIVE = Duration.ofSeconds(30);
  /**
   * Read sizes for the one stream every user's stanzas share: at least 16 KiB a read. Netty's default guess follows
   * the last reads down to a few hundred bytes while a server writes stanza by stanza (ejabberd does), and a burst
   * then takes one system call per few hundred bytes (issue #20: 160, 224, 480... in one wake-up of the loop).
   */
  private static final AdaptiveRecvByteBufAllocator READ_BUFFERS =
      new AdaptiveRecvByteBufAllocator(16 * 1024, 16 * 1024, 64 * 1024);

  private final ComponentSettings settings;
  private final EventLoopGroup loops;
  private final Consumer<Packet> inbound;

  /**
   * @param loops NIO event loops ({@code NioIoHandler}) to run the stream on; the caller's, not shut down here
   * @param inbound receives every inbound stanza, in stream order, on the stream's event loop; must not block
   */
  public NettyConnector(ComponentSettings settings, EventLoopGroup loops, Consumer<Packet> inbound) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.loops = Objects.requireNonNull(loops, "loops");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
  }

  /**
   * Connects, opens the stream and authenticates.
   *
   * @throws CertificateRefusedException if the server's certificate does not verify
   * @throws ComponentRefusedException if the server refuses the component (wrong secret, unknown domain)
   * @throws ComponentException if the server answers otherwise than XEP-0114 says, or not in time
   */
  @Override
  public ComponentLink connect() throws Exception {
    String host = settings.serverHost();
    int port = settings.serverPort();
    SslContext sslContext = settings.tls().enabled() ? tlsContext() : null;
    ComponentStreamHandler stream = new ComponentStreamHandler(settings.domain(), settings.secret(), inbound);
    Bootstrap bootstrap = new Bootstrap()
        .group(loops)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TIMEOUT.toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.RCVBUF_ALLOCATOR, READ_BUFFERS)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            if (sslContext != null) {
              SslHandler ssl = sslContext.newHandler(channel.alloc(), host, port);
              SSLParameters parameters = ssl.engine().getSSLParameters();
              parameters.setEndpointIdentificationAlgorithm("HTTPS");
              ssl.engine().setSSLParameters(parameters);
              ssl.setHandshakeTimeoutMillis(TIMEOUT.toMillis());
              channel.pipeline().addLast("tls", ssl);
            }
            channel.pipeline().addLast("keepalive", new IdleStateHandler(0, KEEPALIVE.toMillis(), 0, TimeUnit.MILLISECONDS));
            if (!settings.readCoalescing().isZero()) {
              channel.pipeline().addLast("read-coalescing", new ReadCoalescing(settings.readCoalescing()));
            }
            channel.pipeline().addLast("stream", stream);
          }
        });
    ChannelFuture connecting = bootstrap.connect(host, port);
    Channel channel = connecting.channel();
    try {
      connecting.await();
      if (!connecting.isSuccess()) {
        throw new IOException("cannot connect to " + host + ":" + port + ": " + connecting.cause().getMessage(),
            connecting.cause());
      }
      // With TLS this includes the TLS handshake: the stream header waits in the SslHandler until it is done.
      stream.authenticated().get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return new NettyComponentLink(channel);
    } catch (ExecutionException e) {
      channel.close();
      throw failure(e.getCause(), host + ":" + port);
    } catch (TimeoutException e) {
      channel.close();
      throw new ComponentException("no answer to the component handshake from " + host + ":" + port + " within "
          + 2 * TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException | IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** What {@code cause}, the reason the stream did not come up, means for the caller. */
  private Exception failure(Throwable cause, String server) {
    Optional<CertificateRefusedException> certificate = CertificateRefusedException.from(settings.serverHost(), cause);
    if (certificate.isPresent()) {
      return certificate.get();
    }
    if (cause instanceof ComponentException refusal) {
      return ComponentRefusedException.from(refusal, settings.domain(), server).<Exception>map(r -> r).orElse(refusal);
    }
    if (cause instanceof Exception e) {
      return e;
    }
    return new IOException("the component connection to " + server + " failed: " + cause, cause);
  }

  /**
   * Made at each connect, as the trusted CAs are read at each connect: a CA file changed after a refused certificate
   * is taken at the next attempt.
   */
  private SslContext tlsContext() throws IOException {
    try {
      return SslContextBuilder.forClient().trustManager(settings.tls().trustManager()).build();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the trusted CAs (" + settings.tls() + "): " + e.getMessage(), e);
    }
  }
}
