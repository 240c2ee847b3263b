package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.bart.BartId;
import net.icqtransport.oscar.tlv.Tlv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Avatars through a BART service connection against a scripted server (iserverd {@code service_request.txt}): the
 * BOS connection does not serve family 0x10, so the session asks with 01/04, follows 01/05 to a second connection
 * with the cookie, signs on there and sends 10/06 and 10/02 on it.
 */
class IcqAvatarsSessionTest {
  private static final byte[] ICON = "GIF89a a tiny icon".getBytes();
  private static final LegacyContactId BOB = new LegacyContactId("222222");
  private static EventLoopGroup group;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Redirects 01/04 for family 0x10 to itself; on the BART connection answers 10/06 and 10/02. */
  private static FakeOscarServer.Script bart(AtomicReference<FakeOscarServer> self, boolean offerBart) {
    return (connection, snac) -> {
      if (snac.is(SnacType.SERVICE_REQUEST)) {
        if (!offerBart) {
          connection.send(new Snac(0x01, 0x01, 0, snac.requestId(), new byte[] {0, 0x05}));
          return;
        }
        connection.send(Snac.build(SnacType.SERVICE_REDIRECT, snac.requestId(), out -> {
          Tlv.ofU16(0x0D, 0x10).writeTo(out);
          Tlv.ofAscii(0x05, self.get().address()).writeTo(out);
          Tlv.ofAscii(0x06, FakeOscarServer.BART_COOKIE).writeTo(out);
        }));
      } else if (snac.is(SnacType.BART_DOWNLOAD_ICQ) && connection.role.equals("bart")) {
        var in = snac.dataBuffer();
        String screenName = SnacIo.readScreenName(in);
        in.readUnsignedByte();
        BartId id = BartId.read(in);
        boolean known = java.util.Arrays.equals(id.hash(), md5(ICON));
        connection.send(Snac.build(SnacType.BART_DOWNLOAD_ICQ_REPLY, snac.requestId(), out -> {
          SnacIo.writeScreenName(out, screenName);
          id.writeTo(out);
          out.writeByte(known ? 0 : 7);
          id.writeTo(out);
          out.writeShort(known ? ICON.length : 0);
          if (known) {
            out.writeBytes(ICON);
          }
        }));
      } else if (snac.is(SnacType.BART_UPLOAD) && connection.role.equals("bart")) {
        byte[] data = snac.data();
        byte[] image = java.util.Arrays.copyOfRange(data, 4, data.length);
        connection.send(Snac.build(SnacType.BART_UPLOAD_REPLY, snac.requestId(), out -> {
          out.writeByte(0);
          new BartId(1, 1, md5(image)).writeTo(out);
        }));
      }
    };
  }

  private static FakeOscarServer server(boolean offerBart) throws Exception {
    AtomicReference<FakeOscarServer> self = new AtomicReference<>();
    FakeOscarServer server = new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04, 0x15), bart(self, offerBart));
    self.set(server);
    return server;
  }

  private static LegacySession open(FakeOscarServer server) throws Exception {
    return new IcqNetwork(server.settings().withRequestTimeout(Duration.ofSeconds(5)), group)
        .open(new LegacyCredentials(new LegacyContactId("111111"), "secret"), new RecordingListener())
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void fetchAndUploadGoThroughOneServiceConnection() throws Exception {
    try (FakeOscarServer server = server(true)) {
      LegacySession session = open(server);
      AvatarId avatar = AvatarId.of(md5(ICON));
      assertArrayEquals(ICON, session.fetchAvatar(BOB, avatar).get(10, TimeUnit.SECONDS));
      assertArrayEquals(ICON, session.fetchAvatar(BOB, avatar).get(10, TimeUnit.SECONDS));
      byte[] mine = "my own icon".getBytes();
      assertEquals(AvatarId.of(md5(mine)), session.setAvatar(mine).get(10, TimeUnit.SECONDS));

      List<String> seen = List.copyOf(server.received);
      assertEquals(1, seen.stream().filter("bos 01/04"::equals).count(), "one service request: " + seen);
      int firstBart = seen.indexOf("bart 01/17");
      assertTrue(firstBart > seen.indexOf("bos 01/04"), seen.toString());
      assertEquals(List.of("bart 01/17", "bart 01/06", "bart 01/08", "bart 01/02", "bart 10/06", "bart 10/06",
          "bart 10/02"), seen.stream().filter(s -> s.startsWith("bart")).toList());
      server.await(s -> s.is(SnacType.SERVICE_CLIENT_READY)
          && HexFormat.of().formatHex(s.data()).startsWith("000100040110047b00100001"));
      Snac download = server.await(s -> s.is(SnacType.BART_DOWNLOAD_ICQ));
      assertEquals("06323232323232" + "01" + "00010110" + avatar.hex(), HexFormat.of().formatHex(download.data()));
      session.close();
    }
  }

  @Test
  void anUnknownIconIsNoSuchElement() throws Exception {
    try (FakeOscarServer server = server(true)) {
      LegacySession session = open(server);
      ExecutionException e = assertThrows(ExecutionException.class, () -> session.fetchAvatar(BOB,
          new AvatarId("00112233445566778899aabbccddeeff")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(java.util.NoSuchElementException.class, e.getCause());
    }
  }

  @Test
  void aServerWithoutBartMakesAvatarsUnsupported() throws Exception {
    try (FakeOscarServer server = server(false)) {
      LegacySession session = open(server);
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> session.fetchAvatar(BOB, AvatarId.of(md5(ICON))).get(10, TimeUnit.SECONDS));
      assertInstanceOf(UnsupportedOperationException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("no avatar service"), e.getCause().getMessage());
      ExecutionException again = assertThrows(ExecutionException.class,
          () -> session.setAvatar(ICON).get(10, TimeUnit.SECONDS));
      assertInstanceOf(UnsupportedOperationException.class, again.getCause());
      assertEquals(1, server.received.stream().filter("bos 01/04"::equals).count(), "asked once");
    }
  }

  @Test
  void closingTheSessionClosesTheServiceConnection() throws Exception {
    try (FakeOscarServer server = server(true)) {
      LegacySession session = open(server);
      session.fetchAvatar(BOB, AvatarId.of(md5(ICON))).get(10, TimeUnit.SECONDS);
      session.close();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!server.allClosed() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(server.allClosed(), "both connections closed by the client");
    }
  }
}
