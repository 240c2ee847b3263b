package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.oscar.client.LoginMethod;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * User info, search, avatars and rate limiting of the ICQ adapter against the OSCAR simulator, end to end over
 * TCP. Info, search and avatars need the simulator's family 0x15 directory and BART service (simulator branch);
 * the rate-limit test runs against today's simulator too.
 */
class IcqInfoAvatarRateIntegrationTest extends IcqSimulatorTestBase {

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(ALICE, ECHO, null, "Bots")
        .echoBot(ECHO)
        .details(BOB, "Bobby", "Bob", "Builder", "bob@example.org", "Berlin", 49, 30, 2, "I build things",
            "https://bob.example.org", false)
        // The reference's own rate classes (window 20 for ICBM), so that a burst must be paced.
        .strictRateLimits();
  }

  @Override
  IcqNetworkSettings settings() {
    return super.settings().withLoginMethod(LoginMethod.MD5);
  }

  private static byte[] md5(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("MD5").digest(bytes);
  }

  /** SNAC(15,02)/07D0/04D0 answered by the simulator's directory with 07DA replies. */
  @Test
  void fullInfoOfAnotherAccount() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(ALICE, "alice-pw", alice);
    LegacyUserInfo info = session.fetchUserInfo(new LegacyContactId(BOB)).get(10, TimeUnit.SECONDS);
    assertEquals(new LegacyContactId(BOB), info.id());
    assertEquals("Bobby", info.nickname());
    assertEquals("Bob", info.firstName());
    assertEquals("Builder", info.lastName());
    assertEquals("bob@example.org", info.email());
    assertEquals("Berlin", info.city());
    assertEquals("I build things", info.about());
    assertEquals(30, info.age());
    assertEquals(LegacyUserInfo.Gender.MALE, info.gender());
    session.close();
    alice.awaitClosed();
    alice.assertContractKept();
  }

  /** 07D0/0569 answered with 07DA/01AE. */
  @Test
  void searchByUinFindsTheAccount() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(ALICE, "alice-pw", alice);
    List<LegacyUserInfo> found = session.search(LegacySearchQuery.byUin(new LegacyContactId(BOB)))
        .get(10, TimeUnit.SECONDS);
    assertEquals(List.of(new LegacyContactId(BOB)), found.stream().map(LegacyUserInfo::id).toList());
    session.close();
    alice.awaitClosed();
  }

  /** The simulator's BART service (01/04 → 01/05) keeps uploaded icons for others to fetch. */
  @Test
  void anUploadedAvatarCanBeFetchedByAnotherUser() throws Exception {
    byte[] icon = "GIF89a\u0001\u0000\u0001\u0000 alice's icon".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    AvatarId id = aliceSession.setAvatar(icon).get(10, TimeUnit.SECONDS);
    assertEquals(AvatarId.of(md5(icon)), id);
    assertArrayEquals(icon, bobSession.fetchAvatar(new LegacyContactId(ALICE), id).get(10, TimeUnit.SECONDS));
    aliceSession.close();
    bobSession.close();
    alice.awaitClosed();
    bob.awaitClosed();
  }

  /**
   * A burst faster than the ICBM class allows (window 20, alert 5000 ms) is paced, not dropped: every message is
   * acknowledged and echoed, and the server never closes the session.
   */
  @Test
  void aBurstOfMessagesIsPacedAndFullyDelivered() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession session = open(ALICE, "alice-pw", alice);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      sent.add(session.sendMessage(new LegacyContactId(ECHO), "burst " + i));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(40, TimeUnit.SECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMillis >= 2000, "the limiter held back the later messages: " + tookMillis + " ms");
    List<String> echoed = new ArrayList<>();
    while (echoed.size() < 4) {
      Message message = alice.await(Message.class);
      echoed.add(message.text().substring(message.text().indexOf("burst")));
    }
    assertEquals(List.of("burst 1", "burst 2", "burst 3", "burst 4"), echoed, "in order");
    session.close();
    Closed closed = alice.awaitClosed();
    assertEquals(net.icqtransport.core.legacy.DisconnectReason.CLOSED_BY_CLIENT, closed.reason());
    alice.assertContractKept();
  }
}
