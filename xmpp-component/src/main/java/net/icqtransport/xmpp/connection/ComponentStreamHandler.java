package net.icqtransport.xmpp.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import net.icqtransport.xmpp.Sha1Hex;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/**
 * The component side of one XEP-0114 stream, on the channel's event loop: opens the stream to the component's
 * domain, answers the server's stream id with the handshake (XEP-0114 §3: the hex SHA-1 of the id followed by the
 * secret), and once the server accepts it hands every stanza read to the sink, in stream order, on the event
 * loop. A stream error or a close before the handshake fails {@link #authenticated()}; after it, ends the stream.
 * When nothing was written for a while, a single space keeps the connection in use (as Whack does).
 */
final class ComponentStreamHandler extends ChannelInboundHandlerAdapter implements XmppStreamParser.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ComponentStreamHandler.class);
  /** A stanza larger than this ends the stream: far above what a server lets a user send, and bounded. */
  static final long MAX_STANZA_BYTES = 16L * 1024 * 1024;

  private final String domain;
  private final String secret;
  private final Consumer<Packet> sink;
  private final XmppStreamParser parser = new XmppStreamParser(this, MAX_STANZA_BYTES);
  private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
  private ChannelHandlerContext context;
  private boolean streamOpened;
  /** Set once this side ends the stream: whatever the parser still finds in the bytes read is not acted on. */
  private boolean ended;

  ComponentStreamHandler(String domain, String secret, Consumer<Packet> sink) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /**
   * Completes when the server accepted the handshake; fails with a {@link ComponentException} carrying the
   * server's stream error, or with what broke the connection first.
   */
  CompletableFuture<Void> authenticated() {
    return authenticated;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context = ctx;
    ctx.writeAndFlush(ByteBufUtil.writeUtf8(ctx.alloc(), "<stream:stream xmlns='jabber:component:accept' "
        + "xmlns:stream='" + XmppStreamParser.STREAMS_NAMESPACE + "' to='" + escapeAttribute(domain) + "'>"));
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = (ByteBuf) msg;
    try {
      context = ctx;
      if (!ended) {
        parser.feed(bytes.nioBuffer());
      }
    } catch (XMLStreamException e) {
      LOG.warn("The XMPP server's component stream is not well-formed ({}); closing it", e.getMessage());
      end(ctx, new ComponentException("the server's stream is not well-formed: " + e.getMessage(), e));
    } finally {
      bytes.release();
    }
  }

  @Override
  public void streamOpened(Map<String, String> attributes) {
    if (ended) {
      return;
    }
    streamOpened = true;
    String id = attributes.get("id");
    if (id == null) {
      end(context, new ComponentException("the server's stream header has no id to answer with a handshake"));
      return;
    }
    context.writeAndFlush(ByteBufUtil.writeUtf8(context.alloc(), "<handshake>" + handshake(id, secret) + "</handshake>"));
  }

  @Override
  public void element(Element element) {
    if (ended) {
      return;
    }
    String name = element.getName();
    if ("error".equals(name) && XmppStreamParser.STREAMS_NAMESPACE.equals(element.getNamespaceURI())) {
      StreamError error = new StreamError(element);
      if (authenticated.isDone()) {
        LOG.warn("The XMPP server ended the component stream: {}", element.asXML());
      }
      end(context, new ComponentException(error));
      return;
    }
    if (!authenticated.isDone()) {
      if ("handshake".equals(name)) {
        authenticated.complete(null);
      } else {
        LOG.debug("Before the handshake's answer the server sent a {}; ignored", name);
      }
      return;
    }
    Packet packet;
    try {
      packet = switch (name) {
        case "message" -> new Message(element);
        case "presence" -> new Presence(element);
        case "iq" -> new IQ(element);
        default -> null;
      };
    } catch (IllegalArgumentException e) { // Tinder keeps a malformed address as it came; should it ever refuse one
      LOG.warn("The XMPP server sent a {} that cannot be read as a stanza ({}); skipped", name, e.getMessage());
      return;
    }
    if (packet == null) {
      LOG.debug("The XMPP server sent a top-level {} that is not a stanza; ignored", name);
      return;
    }
    sink.accept(packet);
  }

  @Override
  public void streamClosed() {
    if (ended) {
      return;
    }
    LOG.debug("The XMPP server closed the component stream");
    end(context, new ComponentException("the server closed the stream"));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && authenticated.isDone() && ctx.channel().isActive()) {
      ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), " "));
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("The component connection failed: {}", cause.toString());
    authenticated.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    authenticated.completeExceptionally(new ComponentException(streamOpened
        ? "the server closed the connection before accepting the handshake"
        : "the server closed the connection before opening its stream"));
    parser.close();
    ctx.fireChannelInactive();
  }

  /** Fails the handshake if still pending, closes our side of the stream and the connection. */
  private void end(ChannelHandlerContext ctx, ComponentException why) {
    ended = true;
    authenticated.completeExceptionally(why);
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), NettyComponentLink.STREAM_END));
    }
    ctx.close();
  }

  /** XEP-0114 §3: lower-case hex of SHA-1 over the stream id and the secret, in UTF-8. */
  static String handshake(String streamId, String secret) {
    return Sha1Hex.of((streamId + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String escapeAttribute(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
  }
}
