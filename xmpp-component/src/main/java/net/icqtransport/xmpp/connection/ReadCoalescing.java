package net.icqtransport.xmpp.connection;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lets the stanzas of a busy component stream gather between reads. A read that comes less than {@code window}
 * after the one before it (or after reading resumed) means the server is writing faster than one stanza per
 * window: reading then pauses for {@code window}, and the next read takes what the server wrote meanwhile in one
 * system call. The stanzas of that read go out to their ICQ sessions in one turn of the event loop, whose answers
 * come back together, and their XMPP stanzas leave in one write at the end of a turn, instead of a wake-up of the
 * loop and of the OSCAR server's for every stanza. A stanza after a quiet spell is read at once; while the stream
 * is busy, a stanza waits at most about {@code window} (the loop's timer is as coarse as a millisecond).
 *
 * <p>Why (issue #20): ejabberd writes each stanza to the component as it routes it (Prosody writes what it routed
 * in one turn together), so at thousands of messages a second the transport's loop woke for nearly every stanza,
 * and each of those stanzas cost an OSCAR write, the OSCAR server's wake-up and an OSCAR read of its own: the
 * transport spent 45 µs of CPU per relayed message through ejabberd against 17 through Prosody. With a window of
 * 1 ms, 24-28 µs in relay-only runs (docs/benchmarks.md).
 *
 * <p>On the stream's event loop only. A pause ends on the loop's timer; it touches nothing but the channel's
 * {@code autoRead}, which no other handler of the component stream sets.
 */
final class ReadCoalescing extends ChannelInboundHandlerAdapter {
  private final long windowNanos;
  /** When the stream was last read, or reading last resumed; meaningful once {@link #started}. */
  private long lastReadNanos;
  private boolean started;

  /** @param window how long a busy stream's stanzas gather before the next read; positive */
  ReadCoalescing(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.windowNanos = window.toNanos();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    long now = ctx.executor().ticker().nanoTime();
    boolean busy = started && now - lastReadNanos < windowNanos;
    started = true;
    lastReadNanos = now;
    if (busy && ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(false);
      ctx.executor().schedule(() -> resume(ctx), windowNanos, TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelReadComplete();
  }

  private void resume(ChannelHandlerContext ctx) {
    lastReadNanos = ctx.executor().ticker().nanoTime();
    if (ctx.channel().isOpen()) {
      ctx.channel().config().setAutoRead(true);
    }
  }
}
