package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A busy component stream is read once per window; a stanza after a quiet spell is read at once (issue #20). */
class ReadCoalescingTest {
  private final AtomicInteger readsPassedOn = new AtomicInteger();
  private EmbeddedChannel channel;

  @BeforeEach
  void open() {
    channel = new EmbeddedChannel();
    channel.freezeTime();
    channel.pipeline().addLast(new ReadCoalescing(Duration.ofMillis(1)), new ChannelInboundHandlerAdapter() {
      @Override
      public void channelReadComplete(ChannelHandlerContext ctx) {
        readsPassedOn.incrementAndGet();
      }
    });
  }

  /** One read of the socket: a stanza's bytes, then the end of the read. */
  private void read() {
    channel.writeInbound(Unpooled.copiedBuffer("<message/>", StandardCharsets.UTF_8));
  }

  private void after(long micros) {
    channel.advanceTimeBy(micros, TimeUnit.MICROSECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void aLoneStanzaLeavesReadingOn() {
    read();

    assertTrue(channel.config().isAutoRead());
    assertEquals(1, readsPassedOn.get(), "the end of the read goes on to the stream's parser");
  }

  @Test
  void aReadSoonAfterTheOneBeforePausesReadingForTheWindow() {
    read();
    after(200);
    read();

    assertFalse(channel.config().isAutoRead(), "the stream is busy: its stanzas gather for a millisecond");
    after(999);
    assertFalse(channel.config().isAutoRead());
    after(1);
    assertTrue(channel.config().isAutoRead(), "a millisecond after the pause began");
    assertEquals(2, readsPassedOn.get());
  }

  @Test
  void whileTheStreamStaysBusyEachReadAfterAPauseStartsTheNext() {
    read();
    after(100);
    read();
    after(1_000);
    assertTrue(channel.config().isAutoRead());

    read(); // what gathered during the pause, read as soon as reading resumed
    assertFalse(channel.config().isAutoRead(), "still busy: one read per window");
  }

  @Test
  void aReadAfterAQuietSpellIsNotHeldBack() {
    read();
    after(100);
    read();
    after(1_000);
    after(5_000);

    read();
    assertTrue(channel.config().isAutoRead(), "nothing came for 5 ms: the next stanza is read at once");
    after(1_500);
    read();
    assertTrue(channel.config().isAutoRead());
  }

  @Test
  void theBytesOfEveryReadPassOnUnchangedAndInOrder() {
    read();
    after(100);
    channel.writeInbound(Unpooled.copiedBuffer("<presence/>", StandardCharsets.UTF_8));

    assertEquals("<message/>", channel.<io.netty.buffer.ByteBuf>readInbound().toString(StandardCharsets.UTF_8));
    assertEquals("<presence/>", channel.<io.netty.buffer.ByteBuf>readInbound().toString(StandardCharsets.UTF_8));
  }

  @Test
  void aReadThatEndsDuringAPauseDoesNotEndALaterPauseEarly() {
    read();
    after(100);
    read(); // pauses until 1.1 ms
    after(500);
    channel.pipeline().fireChannelReadComplete(); // a read asked for by another handler (TLS) while paused
    after(500);
    assertTrue(channel.config().isAutoRead(), "resumed at 1.1 ms");
    read(); // pauses until 2.1 ms

    after(500);
    assertFalse(channel.config().isAutoRead(), "at 1.6 ms the pause that began at 1.1 ms still holds");
  }

  @Test
  void aClosedStreamIsNotResumed() {
    read();
    after(100);
    read();
    channel.close();

    after(1_000);
    assertFalse(channel.config().isAutoRead());
  }

  @Test
  void theWindowMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ReadCoalescing(Duration.ZERO));
  }
}
