package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How sessions end: a stalled server, and channel-4 frames with their reasons, against scripted servers. */
class IcqSessionConnectionLifeTest {
  private static EventLoopGroup group;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static LegacySession open(IcqNetworkSettings settings, RecordingListener listener) throws Exception {
    return new IcqNetwork(settings, group)
        .open(new LegacyCredentials(new LegacyContactId("111111"), "secret"), listener)
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aServerThatFallsSilentAfterSignOnEndsTheSessionAsConnectionLost() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), FakeOscarServer.silent())) {
      RecordingListener listener = new RecordingListener();
      open(server.settings().withReaderIdleTimeout(Duration.ofMillis(1200)), listener);
      long start = System.nanoTime();
      Closed closed = listener.awaitClosed();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(DisconnectReason.CONNECTION_LOST, closed.reason());
      assertTrue(closed.detail().contains("no data from the server for 1200 ms"), closed.detail());
      assertTrue(tookMillis >= 900 && tookMillis < 5000, "ended after " + tookMillis + " ms");
      // Halfway, the session asked the silent server for its own info.
      assertTrue(server.received.contains("bos 01/0E"));
      listener.assertContractKept();
    }
  }

  @Test
  void aServerThatAnswersTheProbeKeepsTheSessionAlive() throws Exception {
    FakeOscarServer.Script answersProbes = (connection, snac) -> {
      if (snac.family() == 0x01 && snac.subtype() == 0x0E) {
        connection.send(new net.icqtransport.oscar.snac.Snac(0x01, 0x0F, 0, snac.requestId(),
            HexFormat.of().parseHex("063131313131310000000000")));
      }
    };
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), answersProbes)) {
      RecordingListener listener = new RecordingListener();
      LegacySession session = open(server.settings().withReaderIdleTimeout(Duration.ofMillis(600)), listener);
      Thread.sleep(2000);
      session.close();
      assertEquals(DisconnectReason.CLOSED_BY_CLIENT, listener.awaitClosed().reason());
      listener.assertContractKept();
    }
  }

  /**
   * Issue #21: the server wrote a message to the session in the instant of its sign-off, and counts it as
   * delivered. The session reads on after its sign-off frame until the server closes, so the message reaches the
   * listener (the bridge keeps it) before the session reports its end.
   */
  @Test
  void aMessageTheServerWritesInTheInstantOfTheSignOffIsHandedOnBeforeTheEnd() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), FakeOscarServer.silent())) {
      server.onClientSignOff = connection -> {
        connection.send(incomingMessage("444444", "just in time"));
        connection.close();
      };
      RecordingListener listener = new RecordingListener();
      LegacySession session = open(server.settings(), listener);
      server.await(snac -> snac.family() == 0x01 && snac.subtype() == 0x02);
      session.close();
      RecordingListener.Message message = listener.await(RecordingListener.Message.class);
      assertEquals(new LegacyContactId("444444"), message.from());
      assertEquals("just in time", message.text());
      assertEquals(new Closed(DisconnectReason.CLOSED_BY_CLIENT, "signed off"), listener.awaitClosed());
      listener.assertContractKept();
    }
  }

  /**
   * A server that closes at once after the client's sign-off ends the session then, and nothing keeps it: the
   * read-on wait does not hold it (with its contact list, rate classes and listener, the user's bridge) on the
   * event loop until the wait is over. The soak run (1,000 users logging out at once) measured about 15 KB per
   * session still held that second.
   */
  @Test
  void aSessionTheServerClosedAfterItsSignOffIsLetGoAtOnce() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), FakeOscarServer.silent())) {
      server.onClientSignOff = FakeOscarServer.Connection::close;
      RecordingListener listener = new RecordingListener();
      LegacySession session = open(server.settings(), listener);
      server.await(snac -> snac.family() == 0x01 && snac.subtype() == 0x02);
      WeakReference<LegacySession> ended = new WeakReference<>(session);
      session.close();
      session = null;
      assertEquals(new Closed(DisconnectReason.CLOSED_BY_CLIENT, "signed off"), listener.awaitClosed());

      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IcqSession.SIGN_OFF_READ_MILLIS / 2);
      while (ended.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      assertNull(ended.get(), "the session is still referenced after its end");
      listener.assertContractKept();
    }
  }

  /** A server that does not close after the client's sign-off: the session ends on its own after a short wait. */
  @Test
  void aServerThatKeepsTheConnectionAfterTheSignOffIsClosedAfterTheReadWait() throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), FakeOscarServer.silent())) {
      RecordingListener listener = new RecordingListener();
      LegacySession session = open(server.settings(), listener);
      server.await(snac -> snac.family() == 0x01 && snac.subtype() == 0x02);
      long start = System.nanoTime();
      session.close();
      assertEquals(new Closed(DisconnectReason.CLOSED_BY_CLIENT, "signed off"), listener.awaitClosed());
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMillis >= IcqSession.SIGN_OFF_READ_MILLIS, "read on for the wait, ended after " + tookMillis);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!server.allClosed() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(server.allClosed(), "the session closed its connection");
      listener.assertContractKept();
    }
  }

  /** SNAC(04,07): a plain ICQ text message from {@code from} (channel 4, type 0x01). */
  private static net.icqtransport.oscar.snac.Snac incomingMessage(String from, String text) {
    net.icqtransport.oscar.tlv.Tlv data = net.icqtransport.oscar.tlv.Tlv.ofBytes(0x05, new net.icqtransport.oscar.snac.icbm.IcqChannel4Data(
        Long.parseLong(from), net.icqtransport.oscar.snac.icbm.IcqMessageTypes.PLAIN, 0, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
        .toBytes());
    return net.icqtransport.oscar.snac.Snac.build(net.icqtransport.oscar.snac.SnacType.ICBM_RECEIVE, 7, out -> {
      out.writeLong(42);
      out.writeShort(4);
      net.icqtransport.oscar.snac.SnacIo.writeScreenName(out, from);
      out.writeShort(0);
      out.writeShort(0);
      data.writeTo(out);
    });
  }

  @Test
  void signedOnElsewhereIsReportedAsSuch() throws Exception {
    assertEquals(new Closed(DisconnectReason.SIGNED_ON_ELSEWHERE, "signed on from another location"),
        closedBy("000900020001"));
  }

  @Test
  void otherReasonsCarryTheirCodeAndUrl() throws Exception {
    Closed closed = closedBy("000900020002000B0013687474703a2f2f6578616d706c652e6f72672f");
    assertEquals(DisconnectReason.CLOSED_BY_SERVER, closed.reason());
    assertEquals("closed by the server (reason 0x0002), see http://example.org/", closed.detail());
  }

  @Test
  void anEmptyChannelFourFrameIsAPlainClose() throws Exception {
    assertEquals(new Closed(DisconnectReason.CLOSED_BY_SERVER, "closed by the server"), closedBy(""));
  }

  /**
   * A real server kicks an "old" client (channel-1 login without TLV 0x4A) with exactly {@code 2A 04 <seq>}: no
   * length field, no reason, then the TCP close (shared/OSCAR-SERVERS.md). That is the server ending the session,
   * not a lost connection to be reconnected.
   */
  @Test
  void theOldClientKickFrameWithoutALengthIsASignOffByTheServer() throws Exception {
    Closed closed = closedByRawBytes("2a041001");
    assertEquals(DisconnectReason.CLOSED_BY_SERVER, closed.reason());
    assertEquals("closed by the server", closed.detail());
  }

  @Test
  void aChannelFourFrameCutAfterItsChannelByteIsASignOffToo() throws Exception {
    assertEquals(DisconnectReason.CLOSED_BY_SERVER, closedByRawBytes("2a04").reason());
  }

  @Test
  void aCloseWithoutAnyFrameIsALostConnection() throws Exception {
    assertEquals(DisconnectReason.CONNECTION_LOST, closedByRawBytes("").reason());
    assertEquals(DisconnectReason.CONNECTION_LOST, closedByRawBytes("2a02100100").reason(),
        "a cut-off data frame is no sign-off");
  }

  private static Closed closedByRawBytes(String hex) throws Exception {
    return closedAfter(connection -> connection.sendRawAndClose(HexFormat.of().parseHex(hex)));
  }

  private static Closed closedBy(String signOffHex) throws Exception {
    return closedAfter(connection -> connection.send(FlapChannel.SIGNOFF, HexFormat.of().parseHex(signOffHex)));
  }

  /** What a session reports after the server did {@code ending} on its BOS connection. */
  private static Closed closedAfter(ServerAction ending) throws Exception {
    try (FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04), FakeOscarServer.silent())) {
      RecordingListener listener = new RecordingListener();
      open(server.settings(), listener);
      server.await(snac -> snac.family() == 0x01 && snac.subtype() == 0x02);
      server.eachBos(connection -> {
        try {
          ending.on(connection);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      Closed closed = listener.awaitClosed();
      listener.assertContractKept();
      return closed;
    }
  }

  private interface ServerAction {
    void on(FakeOscarServer.Connection connection) throws IOException;
  }
}
