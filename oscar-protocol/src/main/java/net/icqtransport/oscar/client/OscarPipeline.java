package net.icqtransport.oscar.client;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.icqtransport.oscar.flap.FlapFrameEncoder;

/** Assembles a client connection's pipeline, the one place that knows its handlers and their names. */
public final class OscarPipeline {
  public static final String FLAP_DECODER = "flapDecoder";
  public static final String FLAP_ENCODER = "flapEncoder";
  public static final String IDLE = "idle";
  public static final String CONNECTION = "flapConnection";

  private OscarPipeline() {}

  /**
   * bytes ⇄ FLAP frames, writer-idle events for keepalives and reader-idle events every half reader-idle
   * timeout (the first probes the server, the next one ends the stalled connection), then the connection's
   * handler.
   */
  static void configure(ChannelPipeline pipeline, OscarClientConfig config, FlapClientHandler handler) {
    pipeline.addLast(FLAP_DECODER, new FlapFrameDecoder(config.maxFlapPayload()));
    pipeline.addLast(FLAP_ENCODER, new FlapFrameEncoder());
    pipeline.addLast(IDLE,
        new IdleStateHandler(config.readerIdleTimeout().toMillis() / 2, config.keepaliveInterval().toMillis(), 0,
            TimeUnit.MILLISECONDS));
    pipeline.addLast(CONNECTION, handler);
  }
}
