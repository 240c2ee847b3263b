package net.icqtransport.oscar.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import net.icqtransport.core.tls.CertificateRefusedException;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;

/**
 * The last handler of a client pipeline: passes frames to its {@link FlapConnection}, sends keepalives when the
 * connection was idle for writing, reports reading idleness for stall detection, and turns every failure into
 * one end of that connection only.
 */
final class FlapClientHandler extends SimpleChannelInboundHandler<FlapFrame> {
  private static final byte[] EMPTY = new byte[0];

  private final FlapConnection connection;

  FlapClientHandler(FlapConnection connection) {
    this.connection = connection;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FlapFrame frame) {
    connection.frameReceived(frame);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
      ctx.writeAndFlush(FlapFrame.of(FlapChannel.KEEPALIVE, EMPTY));
    } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      connection.readerIdle(idle.isFirst());
    } else if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
      Throwable cause = handshake.cause();
      connection.end(FlapConnection.End.TLS_FAILED,
          CertificateRefusedException.from(connection.host(), cause).<Throwable>map(refused -> refused).orElse(cause));
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    connection.end(FlapConnection.End.CLOSED, null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof IOException) {
      connection.end(FlapConnection.End.CLOSED, root);
    } else {
      // Bad bytes, or SNAC data that failed to parse while being handled: either way this connection's
      // stream can no longer be trusted.
      connection.end(FlapConnection.End.PROTOCOL_ERROR,
          root instanceof OscarProtocolException ? root : new OscarProtocolException(String.valueOf(root), root));
    }
  }
}
