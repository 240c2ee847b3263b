package net.icqtransport.oscar.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.atomic.AtomicLong;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import org.slf4j.Logger;

/**
 * What every service connection of the simulator shares (BART, chat navigation, chat rooms; reference
 * {@code service_request}): the hello on connect, the one-time cookie of 01/05 on channel 1 before any SNAC, each
 * SNAC through the connection's rate classes, sign-off, and server request ids with the top bit set (reference
 * {@code basic}). A subclass checks the cookie and answers the SNACs; one instance per connection.
 */
abstract class ServiceConnectionHandler extends SimpleChannelInboundHandler<FlapFrame> {
  protected final SimulatorState state;
  private final String service;
  private final Logger log;
  private final AtomicLong nextRequestId = new AtomicLong(0x80000001L);
  private ChannelHandlerContext ctx;
  /** Set once the cookie was accepted ({@link #signedOn}); SNACs before that end the connection. */
  private RateLimiter rateLimiter;

  /** @param service the service's name in errors and logs, e.g. "chat" */
  ServiceConnectionHandler(SimulatorState state, String service, Logger log) {
    this.state = state;
    this.service = service;
    this.log = log;
  }

  /** Channel 1: checks the cookie; calls {@link #signedOn} when it is good, else closes. */
  protected abstract void onSignOn(SignOnFrame signOn);

  /** A SNAC within the rate limits, after a good cookie. */
  protected abstract void onSnac(Snac snac);

  /** Who is on this connection, for logs. */
  protected abstract String who();

  /** The cookie was good: SNACs are taken from now on, through these rate classes. */
  protected final void signedOn(RateLimiter limiter) {
    this.rateLimiter = limiter;
  }

  protected final ChannelHandlerContext ctx() {
    return ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    ctx.writeAndFlush(ServerSnacs.signOnHello());
    ctx.fireChannelActive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FlapFrame frame) {
    switch (frame.channel()) {
      case SIGNON -> onSignOn(SignOnFrame.parse(frame));
      case DATA -> {
        if (rateLimiter == null) {
          throw new OscarProtocolException("SNAC before the " + service + " cookie");
        }
        Snac snac = Snac.fromFrame(frame);
        switch (rateLimiter.check(snac, state.clock().millis(), this::send, this::nextRequestId)) {
          case PASS -> onSnac(snac);
          case DROP -> log.debug("{} rate-limited on {}: dropping {}", who(), service, snac);
          case DISCONNECT -> ctx.close();
        }
      }
      case SIGNOFF -> ctx.close();
      case KEEPALIVE, ERROR -> { }
    }
  }

  public long nextRequestId() {
    return nextRequestId.getAndUpdate(id -> id == 0xFFFFFFFFL ? 0x80000000L : id + 1);
  }

  public void send(Snac snac) {
    ctx.writeAndFlush(snac.toFrame());
  }

  protected final void send(FlapFrame frame) {
    ctx.writeAndFlush(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolFailures.closeOnFailure(ctx, cause, log, service + " service");
  }
}
