package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.FileTransferException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.icq.RecordingListener.FileOffered;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.oft.OftChecksum;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OFT file transfers between two ICQ sessions through the simulator over TCP: channel-2 send-file rendezvous
 * relayed by the simulator, the file over a direct listener or the simulator's rendezvous proxy, both ways,
 * byte-identical; a file over the receiver's limit, a declined offer and an offline contact.
 */
class IcqFileTransferIntegrationTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final String CAROL = "333333";
  private static final long LIMIT = 1 << 20;

  private static EventLoopGroup group;
  private OscarSimulator icq;
  private IcqNetwork network;

  @BeforeAll
  static void startGroup() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopGroup() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void stop() {
    if (network != null) {
      network.close();
    }
    icq.close();
  }

  private void start(boolean sendViaProxy) {
    icq = OscarSimulator.builder().proxy()
        .account(ALICE, "alice-pw").account(BOB, "bob-pw").account(CAROL, "carol-pw")
        .contact(ALICE, BOB, "Bob", "Friends").contact(BOB, ALICE, "Alice", "Friends")
        .contact(ALICE, CAROL, "Carol", "Friends")
        .start();
    IcqNetworkSettings settings = IcqNetworkSettings.defaults(icq.loginAddress().getHostString())
        .withLoginPort(icq.loginAddress().getPort())
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
    IcqFileTransferSettings transfers = IcqFileTransferSettings.defaults()
        .withListener("127.0.0.1", "127.0.0.1", 0, 0)
        .withProxy(icq.proxyAddress().getHostString(), icq.proxyAddress().getPort(), sendViaProxy)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    network = new IcqNetwork(settings, group).enableFileTransfers(transfers, 4);
  }

  private LegacySession open(String uin, String password, RecordingListener listener) throws Exception {
    return network.open(new LegacyCredentials(new LegacyContactId(uin), password), listener)
        .get(10, TimeUnit.SECONDS);
  }

  private static byte[] randomFile(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void directTransfersBothWaysAreByteIdentical() throws Exception {
    start(false);
    bothWays();
  }

  @Test
  void proxiedTransfersBothWaysAreByteIdentical() throws Exception {
    start(true);
    bothWays();
  }

  private void bothWays() throws Exception {
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    alice.await(Status.class, s -> s.contact().value().equals(BOB) && s.status() == LegacyStatus.ONLINE);
    bob.await(Status.class, s -> s.contact().value().equals(ALICE) && s.status() == LegacyStatus.ONLINE);

    byte[] photo = randomFile(300_001, 1);
    CompletableFuture<Void> sent = aliceSession.sendFile(new LegacyContactId(BOB), "фото.jpg", photo);
    FileOffered offer = bob.await(FileOffered.class);
    assertEquals(ALICE, offer.from().value());
    assertEquals("фото.jpg", offer.offer().fileName());
    assertEquals(photo.length, offer.offer().size());
    byte[] received = offer.offer().accept(LIMIT).get(10, TimeUnit.SECONDS);
    assertArrayEquals(photo, received);
    assertEquals(OftChecksum.of(photo), OftChecksum.of(received));
    sent.get(10, TimeUnit.SECONDS);

    byte[] notes = randomFile(5, 2);
    CompletableFuture<Void> back = bobSession.sendFile(new LegacyContactId(ALICE), "notes.txt", notes);
    FileOffered reply = alice.await(FileOffered.class);
    assertArrayEquals(notes, reply.offer().accept(LIMIT).get(10, TimeUnit.SECONDS));
    back.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aFileOverTheLimitIsCancelledOnBothSides() throws Exception {
    start(false);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    open(BOB, "bob-pw", bob);
    alice.await(Status.class, s -> s.contact().value().equals(BOB) && s.status() == LegacyStatus.ONLINE);

    CompletableFuture<Void> sent = aliceSession.sendFile(new LegacyContactId(BOB), "big.bin", randomFile(4096, 3));
    FileOffered offer = bob.await(FileOffered.class);
    assertEquals(FileTransferException.Reason.TOO_LARGE, reason(offer.offer().accept(4095)));
    assertEquals(FileTransferException.Reason.CANCELLED, reason(sent));
  }

  @Test
  void aDeclinedOfferFailsTheSenderAndAnOfflineContactIsNotOffered() throws Exception {
    start(false);
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    open(BOB, "bob-pw", bob);
    alice.await(Status.class, s -> s.contact().value().equals(BOB) && s.status() == LegacyStatus.ONLINE);

    CompletableFuture<Void> sent = aliceSession.sendFile(new LegacyContactId(BOB), "a.txt", randomFile(10, 4));
    bob.await(FileOffered.class).offer().decline();
    assertEquals(FileTransferException.Reason.CANCELLED, reason(sent));

    assertEquals(FileTransferException.Reason.NOT_SUPPORTED,
        reason(aliceSession.sendFile(new LegacyContactId(CAROL), "a.txt", randomFile(10, 5))));
  }

  private static FileTransferException.Reason reason(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(FileTransferException.class, e.getCause()).reason();
  }
}
