package net.icqtransport.oscar.client;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import org.junit.jupiter.api.Test;

/** The connection takes SNAC(01,07)/(01,0A) for its rate limiter, and detects a stalled server. */
class FlapConnectionRateAndStallTest {
  /** reference/oscar-iserverd/snac_01_0a.txt: warning (code 2) for class 3, current level 0x1317. */
  static final String RATE_CHANGE_DUMP =
      "2A 02 39 00 00 37 00 01 00 0A 80 00 85 1B 57 65 00 06 00 01 00 02 00 03 00 02 00 03 00 00 00 14"
          + "00 00 13 EC 00 00 13 88 00 00 0F A0 00 00 0B B8 00 00 13 17 00 00 17 70 00 00 00 00 00";

  private final List<Object> events = new ArrayList<>();
  private FlapConnection connection;

  private final FlapConnection.Listener recorder = new FlapConnection.Listener() {
    @Override
    public void frameReceived(FlapConnection c, FlapFrame frame) {
      events.add(frame.channel() == FlapChannel.DATA ? Snac.fromFrame(frame) : frame);
    }

    @Override
    public void connectionEnded(FlapConnection c, FlapConnection.End end, Throwable cause) {
      events.add(end);
      if (cause != null) {
        events.add(cause);
      }
    }
  };

  private EmbeddedChannel channel(int maxRateQueue) {
    EmbeddedChannel channel = new EmbeddedChannel();
    connection = FlapConnection.attach(channel, Duration.ofSeconds(180), maxRateQueue, recorder);
    channel.pipeline().addLast(OscarPipeline.CONNECTION, new FlapClientHandler(connection));
    return channel;
  }

  private static FlapFrame dumpFrame(String hex) {
    return FlapFrame.of(FlapChannel.DATA, flapPayload(hex));
  }

  private static List<Snac> outbound(EmbeddedChannel channel) {
    List<Snac> snacs = new ArrayList<>();
    FlapFrame frame;
    while ((frame = channel.readOutbound()) != null) {
      snacs.add(Snac.fromFrame(frame));
    }
    return snacs;
  }

  @Test
  void beforeRateClassesEverythingGoesOutAtOnce() {
    EmbeddedChannel channel = channel(100);
    for (int i = 0; i < 200; i++) {
      connection.send(id -> Snac.build(SnacType.ICBM_SEND, id, out -> { }));
    }
    assertEquals(200, outbound(channel).size());
    assertEquals(0, connection.rateQueueDepth());
    assertFalse(channel.finish());
  }

  @Test
  void rateClassesFromTheServerPaceTheSnacsSentAfterThem() {
    EmbeddedChannel channel = channel(1000);
    channel.writeInbound(dumpFrame(Dumps.RATE_PARAMS));
    assertTrue(events.get(0) instanceof Snac snac && snac.is(SnacType.SERVICE_RATE_PARAMS), "the listener sees 01/07");
    assertTrue(connection.rateLimiter().isPresent());
    for (int i = 0; i < 100; i++) {
      connection.send(id -> Snac.build(SnacType.ICBM_SEND, id, out -> { }));
    }
    List<Snac> sent = outbound(channel);
    assertTrue(sent.size() < 10, "class 3 lets a few messages out at once: " + sent.size());
    assertEquals(100 - sent.size(), connection.rateQueueDepth());
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(i + 1, sent.get(i).requestId());
    }
    channel.finishAndReleaseAll();
  }

  @Test
  void aRateChangeAdjustsTheLimiter() {
    EmbeddedChannel channel = channel(1000);
    channel.writeInbound(dumpFrame(Dumps.RATE_PARAMS));
    channel.writeInbound(dumpFrame(RATE_CHANGE_DUMP));
    assertEquals(0x1317, connection.rateLimiter().orElseThrow().level(3), "the server's level is taken");
    assertTrue(events.get(1) instanceof Snac snac && snac.is(SnacType.SERVICE_RATE_CHANGE));
    assertFalse(channel.finish());
  }

  @Test
  void anOverfullRateQueueEndsTheConnection() {
    EmbeddedChannel channel = channel(3);
    channel.writeInbound(dumpFrame(Dumps.RATE_PARAMS));
    for (int i = 0; i < 20; i++) {
      connection.send(id -> Snac.build(SnacType.ICBM_SEND, id, out -> { }));
    }
    assertEquals(FlapConnection.End.OVERLOADED, events.get(1));
    assertEquals(3, events.size());
    assertFalse(channel.isOpen());
    channel.finishAndReleaseAll();
  }

  @Test
  void aSignedOnConnectionProbesThenEndsAsStalled() {
    EmbeddedChannel channel = channel(1000);
    channel.writeInbound(dumpFrame(Dumps.RATE_PARAMS));
    events.clear();
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    List<Snac> probe = outbound(channel);
    assertEquals(1, probe.size());
    assertTrue(probe.get(0).is(SnacType.SERVICE_SELF_INFO_REQUEST), "asks for its own info");
    assertEquals(List.of(), events);

    channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
    assertEquals(FlapConnection.End.STALLED, events.get(0));
    TimeoutException cause = assertInstanceOf(TimeoutException.class, events.get(1));
    assertEquals("no data from the server for 180 s", cause.getMessage());
    assertFalse(channel.isOpen());
    channel.finishAndReleaseAll();
  }

  @Test
  void beforeSignOnTheFirstIdleEventSendsNothing() {
    EmbeddedChannel channel = channel(1000);
    channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
    assertNull(channel.readOutbound());
    assertEquals(List.of(), events);
    assertFalse(channel.finish());
  }
}
