package net.icqtransport.oscar.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLParameters;
import java.util.concurrent.TimeUnit;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.icqtransport.oscar.flap.FlapFrameEncoder;

/** Assembles a client connection's pipeline, the one place that knows its handlers and their names. */
public final class OscarPipeline {
  public static final String TLS = "tls";
  public static final String FLUSH_CONSOLIDATION = "flushConsolidation";
  public static final String FLAP_DECODER = "flapDecoder";
  public static final String FLAP_ENCODER = "flapEncoder";
  public static final String IDLE = "idle";
  public static final String CONNECTION = "flapConnection";

  private OscarPipeline() {}

  /**
   * A client TLS context trusting what {@link OscarClientConfig#tls()} trusts, or null for plaintext. Made per
   * connection so that a replaced CA file is read at the next login.
   */
  static SslContext tlsContext(OscarClientConfig config) throws GeneralSecurityException, IOException {
    if (!config.tls().enabled()) {
      return null;
    }
    return SslContextBuilder.forClient().trustManager(config.tls().trustManager()).build();
  }

  /**
   * TLS when configured (the handshake starts on connect, before the server's FLAP hello), then bytes ⇄ FLAP
   * frames, writer-idle events for keepalives and reader-idle events every half reader-idle timeout (the first
   * probes the server, the next one ends the stalled connection), then the connection's handler.
   */
  static void configure(ChannelPipeline pipeline, OscarClientConfig config, SslContext tls, String host, int port,
      FlapClientHandler handler) {
    if (tls != null) {
      // The peer's host name feeds SNI and the certificate check: for BOS and service connections it is the host
      // of the redirect (TLV 0x05 of the login reply, TLV 0x05 of SNAC(01,05)), so each server is checked
      // against the name it was reached by (RFC 6125 §6, the HTTPS rules of RFC 2818 §3.1).
      SslHandler ssl = tls.newHandler(pipeline.channel().alloc(), host, port);
      SSLParameters parameters = ssl.engine().getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.engine().setSSLParameters(parameters);
      ssl.setHandshakeTimeoutMillis(config.connectTimeout().toMillis());
      pipeline.addLast(TLS, ssl);
    }
    pipeline.addLast(FLAP_DECODER, new FlapFrameDecoder(config.maxFlapPayload()));
    pipeline.addLast(FLAP_ENCODER, new FlapFrameEncoder());
    pipeline.addLast(IDLE,
        new IdleStateHandler(config.readerIdleTimeout().toMillis() / 2, config.keepaliveInterval().toMillis(), 0,
            TimeUnit.MILLISECONDS));
    pipeline.addLast(CONNECTION, handler);
  }

  /**
   * Adds flush consolidation below the FLAP codec (above TLS, so that records carry several frames). Every SNAC
   * is written and flushed on its own ({@code writeAndFlush}), a session's mostly from tasks its callers queue on
   * the event loop (a message each); {@link FlushConsolidationHandler} turns the flushes of the tasks the loop
   * runs in one go, and of the frames written while reading, into one socket write: a burst of messages costs
   * one system call instead of one each, and a lone message is written at the end of the loop's current run of
   * tasks. Not during the login, whose last SNAC (01/02, client ready) is on the wire before the session is
   * reported ready. Call on the event loop.
   */
  static void consolidateFlushes(ChannelPipeline pipeline) {
    if (pipeline.get(FLUSH_CONSOLIDATION) == null && pipeline.get(FLAP_DECODER) != null) {
      pipeline.addBefore(FLAP_DECODER, FLUSH_CONSOLIDATION, new FlushConsolidationHandler(
          FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
  }
}
