package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.icq.MetaDumps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User info and search of a session against a scripted server that answers SNAC(15,02) with the iserverd reply
 * dumps (their sequence numbers set to the request's).
 */
class IcqDirectorySessionTest {
  private static final LegacyContactId REGRESSOR = new LegacyContactId("6218895");
  private static EventLoopGroup group;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** A dumped 15/03 reply as the answer to {@code request}: its request id, sequence and the given flags. */
  static Snac answer(Snac request, String dump, int flags) {
    Snac reply = Snac.decode(HexDump.flapPayload(dump));
    byte[] data = reply.data();
    byte[] requestData = request.data();
    data[12] = requestData[12];
    data[13] = requestData[13];
    return new Snac(0x15, 0x03, flags, request.requestId(), data);
  }

  /** A 15/02 META request (type 0x07D0), not e.g. the offline-message request (0x003C) sent after sign-on. */
  static boolean isMetaRequest(Snac snac) {
    byte[] data = snac.data();
    return snac.family() == 0x15 && snac.subtype() == 0x02 && data.length >= 16
        && ((data[10] & 0xFF) | (data[11] & 0xFF) << 8) == 0x07D0;
  }

  static int metaSubtype(Snac request) {
    byte[] data = request.data();
    return (data[14] & 0xFF) | (data[15] & 0xFF) << 8;
  }

  /** Answers full info with basic, more and notes; short info, searches by UIN and white pages with dumps. */
  private static final FakeOscarServer.Script DIRECTORY = (connection, snac) -> {
    if (!isMetaRequest(snac)) {
      return;
    }
    byte[] data = snac.data();
    long uin = (data[16] & 0xFFL) | (data[17] & 0xFFL) << 8 | (data[18] & 0xFFL) << 16 | (data[19] & 0xFFL) << 24;
    switch (metaSubtype(snac)) {
      case 0x04D0 -> {
        if (uin == 6218895) {
          connection.send(answer(snac, MetaDumps.BASIC_INFO, 1));
          connection.send(answer(snac, MetaDumps.MORE_INFO, 1));
          connection.send(answer(snac, MetaDumps.EMAILS, 1));
          connection.send(answer(snac, MetaDumps.NOTES, 0));
        } else if (uin == 555555) {
          // A server without full info: an error, then short info works.
          connection.send(new Snac(0x15, 0x01, 0, snac.requestId(), new byte[] {0, 0x08}));
        } else if (uin == 666666) {
          // A broken reply: the basic info cut short.
          Snac full = answer(snac, MetaDumps.BASIC_INFO, 0);
          byte[] cut = Arrays.copyOf(full.data(), 60);
          cut[2] = 0;
          cut[3] = 56;
          cut[4] = 54;
          cut[5] = 0;
          connection.send(new Snac(0x15, 0x03, 0, snac.requestId(), cut));
        } else if (uin == 777777) {
          // Never answered.
        } else {
          Snac notFound = answer(snac, MetaDumps.BASIC_INFO, 0);
          byte[] d = Arrays.copyOf(notFound.data(), 4 + 2 + 4 + 2 + 2 + 2 + 1);
          d[2] = 0;
          d[3] = 13;
          d[4] = 11;
          d[5] = 0;
          d[16] = 0x32;
          connection.send(new Snac(0x15, 0x03, 0, snac.requestId(), d));
        }
      }
      case 0x04BA -> connection.send(answer(snac, MetaDumps.SHORT_INFO_REPLY, 0));
      case 0x0569 -> connection.send(answer(snac, MetaDumps.LAST_USER_FOUND, 0));
      case 0x055F, 0x0573 -> {
        connection.send(answer(snac, MetaDumps.USER_FOUND, 1));
        connection.send(answer(snac, MetaDumps.LAST_USER_FOUND, 0));
      }
      default -> { }
    }
  };

  private static LegacySession open(FakeOscarServer server) throws Exception {
    return new IcqNetwork(server.settings().withRequestTimeout(Duration.ofMillis(800)), group)
        .open(new LegacyCredentials(new LegacyContactId("111111"), "secret"), new RecordingListener())
        .get(10, TimeUnit.SECONDS);
  }

  private static FakeOscarServer server() throws IOException {
    return new FakeOscarServer(List.of(0x01, 0x02, 0x03, 0x04, 0x15), DIRECTORY);
  }

  @Test
  void fullInfoCombinesTheReplies() throws Exception {
    try (FakeOscarServer server = server()) {
      LegacyUserInfo info = open(server).fetchUserInfo(REGRESSOR).get(10, TimeUnit.SECONDS);
      assertEquals(new LegacyUserInfo(REGRESSOR, "Regressor", "Alexandr", "Shutko", "AVshutko@mail.khstu.ru",
          "Khabarovsk", "St", "Russia", "http://home.web.page", "user notes", 54, LegacyUserInfo.Gender.MALE, true,
          null), info);
      Snac request = server.await(IcqDirectorySessionTest::isMetaRequest);
      assertEquals(0x04D0, metaSubtype(request));
    }
  }

  @Test
  void refusedFullInfoFallsBackToShortInfo() throws Exception {
    try (FakeOscarServer server = server()) {
      LegacyUserInfo info = open(server).fetchUserInfo(new LegacyContactId("555555")).get(10, TimeUnit.SECONDS);
      assertEquals("NickName", info.nickname());
      assertEquals("Email@email.ru", info.email());
      assertEquals(LegacyUserInfo.Gender.MALE, info.gender());
      assertNull(info.city());
    }
  }

  @Test
  void anUnknownUserIsNoSuchElement() throws Exception {
    try (FakeOscarServer server = server()) {
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> open(server).fetchUserInfo(new LegacyContactId("123456")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(NoSuchElementException.class, e.getCause());
    }
  }

  @Test
  void aSilentServerTimesOutAndATruncatedReplyFailsOnlyItsRequest() throws Exception {
    try (FakeOscarServer server = server()) {
      LegacySession session = open(server);
      ExecutionException timeout = assertThrows(ExecutionException.class,
          () -> session.fetchUserInfo(new LegacyContactId("777777")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, timeout.getCause());
      assertTrue(timeout.getCause().getMessage().contains("did not answer"), timeout.getCause().getMessage());

      ExecutionException broken = assertThrows(ExecutionException.class,
          () -> session.fetchUserInfo(new LegacyContactId("666666")).get(10, TimeUnit.SECONDS));
      assertInstanceOf(OscarProtocolException.class, broken.getCause());
      assertTrue(broken.getCause().getMessage().startsWith("truncated"), broken.getCause().getMessage());

      assertEquals("Regressor", session.fetchUserInfo(REGRESSOR).get(10, TimeUnit.SECONDS).nickname(),
          "the session goes on");
    }
  }

  @Test
  void searchByUin() throws Exception {
    try (FakeOscarServer server = server()) {
      List<LegacyUserInfo> found = open(server).search(LegacySearchQuery.byUin(REGRESSOR)).get(10, TimeUnit.SECONDS);
      assertEquals(1, found.size());
      assertEquals(REGRESSOR, found.get(0).id());
      assertEquals("Shutko", found.get(0).lastName());
      assertNull(found.get(0).online(), "status 2: not web-aware");
      assertEquals(0x0569, metaSubtype(server.await(IcqDirectorySessionTest::isMetaRequest)));
    }
  }

  @Test
  void searchByNameAndByEmail() throws Exception {
    try (FakeOscarServer server = server()) {
      LegacySession session = open(server);
      List<LegacyUserInfo> found = session.search(LegacySearchQuery.byDetails("Regressor", null, null))
          .get(10, TimeUnit.SECONDS);
      assertEquals(List.of("6218896", "6218895"), found.stream().map(u -> u.id().value()).toList());
      assertEquals(Boolean.FALSE, found.get(0).online());
      assertEquals(0x055F, metaSubtype(server.await(IcqDirectorySessionTest::isMetaRequest)));

      assertEquals(2, session.search(LegacySearchQuery.byEmail("sanya@kpsm.khstu.ru")).get(10, TimeUnit.SECONDS).size());
      assertEquals(0x0573, metaSubtype(server.await(IcqDirectorySessionTest::isMetaRequest)));
    }
  }

  @Test
  void requestsAfterCloseFail() throws Exception {
    try (FakeOscarServer server = server()) {
      LegacySession session = open(server);
      session.close();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> session.fetchUserInfo(REGRESSOR).get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
    }
  }
}
