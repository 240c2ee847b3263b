package net.icqtransport.oscar.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import net.icqtransport.oscar.OscarProtocolException;
import org.slf4j.Logger;

/**
 * The one place bad input ends: the connection that sent it is closed and the reason logged once (info for a
 * protocol violation, debug for a reset socket). Messages never carry payload bytes, so no secrets leak.
 */
final class ProtocolFailures {
  private ProtocolFailures() {}

  static void closeOnFailure(ChannelHandlerContext ctx, Throwable cause, Logger log, String server) {
    if (!ctx.channel().isOpen()) {
      return;
    }
    Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (root instanceof OscarProtocolException) {
      log.info("{} closing {}: {}", server, ctx.channel().remoteAddress(), root.getMessage());
    } else if (root instanceof IOException) {
      log.debug("{} connection {} failed: {}", server, ctx.channel().remoteAddress(), root.toString());
    } else {
      log.warn("{} closing {} after an unexpected error", server, ctx.channel().remoteAddress(), root);
    }
    ctx.close();
  }
}
