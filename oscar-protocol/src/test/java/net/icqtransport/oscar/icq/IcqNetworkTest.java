package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.oscar.client.LoginMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contact ids, and logins against servers that fail in the ways real networks do. */
class IcqNetworkTest {
  private static EventLoopGroup group;
  private static IcqNetwork network;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    network = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1"), group);
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /**
   * The transport sizes the network's own group (oscar.event-loops, issue #20): every user's key gets one of that
   * many loops, the same one every time, and closing the network stops them.
   */
  @Test
  void aNetworkWithItsOwnLoopsPlacesEveryKeyOnOneOfThatMany() throws Exception {
    IcqNetwork own = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1"), 3);
    java.util.Set<java.util.concurrent.Executor> loops = new java.util.HashSet<>();
    for (int i = 0; i < 300; i++) {
      String key = "user" + i + "@example.org";
      loops.add(own.eventLoopFor(key));
      assertTrue(own.eventLoopFor(key) == own.eventLoopFor(key), "the same loop for a key every time");
    }
    assertEquals(3, loops.size());
    CompletableFuture<String> ranOn = new CompletableFuture<>();
    own.eventLoopFor("someone@example.org").execute(() -> ranOn.complete(Thread.currentThread().getName()));
    assertTrue(ranOn.get(5, TimeUnit.SECONDS).startsWith("icq-loop-"), ranOn.get());
    own.close();
    io.netty.util.concurrent.EventExecutor loop =
        (io.netty.util.concurrent.EventExecutor) own.eventLoopFor("someone@example.org");
    assertTrue(loop.awaitTermination(5, TimeUnit.SECONDS), "close stops the network's own loops");
    assertThrows(IllegalArgumentException.class, () -> new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1"), 0));
  }

  /**
   * Issue #20: on one of the network's loops a task can be put after the current iteration (after the tasks
   * queued meanwhile); elsewhere it cannot, and is not run.
   */
  @Test
  void aTaskRunsAfterTheLoopsTurnOnlyWhenAskedOnTheLoop() throws Exception {
    java.util.List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertFalse(network.runAfterThisTurn(() -> order.add("never")), "not on a loop of the network");
    java.util.concurrent.Executor loop = network.eventLoopFor("alice@example.org");
    CompletableFuture<Boolean> arranged = new CompletableFuture<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.execute(() -> {
      order.add("task");
      arranged.complete(network.runAfterThisTurn(() -> {
        order.add("end of turn");
        done.complete(null);
      }));
      loop.execute(() -> order.add("queued in the turn"));
    });
    assertTrue(arranged.get(5, TimeUnit.SECONDS));
    done.get(5, TimeUnit.SECONDS);
    assertEquals(java.util.List.of("task", "queued in the turn", "end of turn"), order);
  }

  /** AIM screen names (issue #16): one id however the owner formats the name, as OSCAR compares them. */
  @Test
  void parsesScreenNamesToTheirNormalizedForm() {
    assertEquals(new LegacyContactId("joeuser"), network.parseContactId("Joe User"));
    assertEquals(new LegacyContactId("joeuser"), network.parseContactId("joeuser"));
    assertEquals(new LegacyContactId("joeuser"), network.parseContactId("JOEUSER"));
    assertEquals(new LegacyContactId("joeuser"), network.parseContactId("j o e u s e r"));
    assertEquals(new LegacyContactId("maryann"), network.parseContactId("Mary Ann"));
    assertEquals(new LegacyContactId("abc"), network.parseContactId("abc"));
    assertEquals(new LegacyContactId("a23456789012345p"), network.parseContactId("A23456789012345P"));
    assertEquals(new LegacyContactId("smarterchild"), network.parseContactId("SmarterChild"));
    // The same id as a name arriving from the server (SSI items, ICBMs, presence) gets.
    assertEquals(network.parseContactId("Mary Ann"), IcqSession.contactId("MaryAnn"));
    assertEquals(network.parseContactId("Mary Ann"), IcqSession.contactId("mary ann"));
    assertEquals(network.parseContactId("100002"), IcqSession.contactId("100002"));
  }

  @Test
  void parsesUins() {
    assertEquals(new LegacyContactId("100002"), network.parseContactId("100002"));
    assertEquals("12345", network.parseContactId("12345").value());
    assertEquals("4294967295", network.parseContactId("4294967295").value());
    // OSCAR carries UINs in 32 bits: anything above 2^32 - 1 would wrap around to another account.
    for (String bad : new String[] {"4294967296", "4294967297", "9999999999", "123456789012", "1234",
        "1234567890123", "012345", "12a456", "", " 123456", "１２３４５６",
        "user@host", "-12345", "1abc", "ab", "Joe.User", "Jöe User", "abcdefghijklmnopq", " joe", "joe "}) {
      assertThrows(IllegalArgumentException.class, () -> network.parseContactId(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> network.parseContactId(null));
  }

  @Test
  void refusedConnectionIsANetworkError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    IcqNetwork refused = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1").withLoginPort(port), group);
    assertEquals(LoginFailure.NETWORK_ERROR, loginFailure(refused.open(credentials(), new RecordingListener())));
  }

  /** An unresolvable login host fails the login at once, naming the host, not after the 30 s login timeout. */
  @Test
  void anUnknownLoginHostFailsAtOnceNamingTheHost() throws Exception {
    IcqNetwork unknown = new IcqNetwork(IcqNetworkSettings.defaults("login.nohost.invalid"), group);
    long start = System.nanoTime();
    LoginFailedException e = loginException(unknown.open(credentials(), new RecordingListener()));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(LoginFailure.NETWORK_ERROR, e.failure());
    assertTrue(e.getMessage().contains("login.nohost.invalid") && e.getMessage().contains("unknown host"),
        e.getMessage());
    assertTrue(tookMillis < 5000, "failed after " + tookMillis + " ms, not at once");
  }

  @Test
  void garbageFromTheServerIsAProtocolError() throws Exception {
    for (LoginMethod method : LoginMethod.values()) {
      try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
        Thread fake = serveOnce(server, out -> out.write("HTTP/1.0 200 OK\r\n\r\nhello".getBytes()));
        IcqNetwork garbage = new IcqNetwork(
            IcqNetworkSettings.defaults("127.0.0.1").withLoginPort(server.getLocalPort()).withLoginMethod(method),
            group);
        LoginFailedException e = loginException(garbage.open(credentials(), new RecordingListener()));
        assertEquals(LoginFailure.PROTOCOL_ERROR, e.failure());
        assertTrue(e.getMessage().contains("marker"), e.getMessage());
        fake.join(5000);
      }
    }
  }

  @Test
  void silentServerTimesOut() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread fake = serveOnce(server, out -> out.write(new byte[] {0x2A, 0x01}));
      IcqNetwork silent = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
          .withLoginPort(server.getLocalPort())
          .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(5)), group);
      long start = System.nanoTime();
      assertEquals(LoginFailure.TIMEOUT, loginFailure(silent.open(credentials(), new RecordingListener())));
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
      fake.join(5000);
    }
  }

  @Test
  void authorizerClosingWithoutAnswerIsANetworkError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread fake = serveOnce(server, out -> {
        out.write(new byte[] {0x2A, 0x01, 0, 1, 0, 4, 0, 0, 0, 1});
        throw new IOException("hang up after the hello");
      });
      IcqNetwork closing = new IcqNetwork(
          IcqNetworkSettings.defaults("127.0.0.1").withLoginPort(server.getLocalPort()), group);
      assertEquals(LoginFailure.NETWORK_ERROR, loginFailure(closing.open(credentials(), new RecordingListener())));
      fake.join(5000);
    }
  }

  @Test
  void rejectsAnAccountThatIsNoUin() {
    assertThrows(IllegalArgumentException.class, () -> network.open(
        new LegacyCredentials(new LegacyContactId("not-a-uin"), "pw"), new RecordingListener()));
  }

  private static LegacyCredentials credentials() {
    return new LegacyCredentials(new LegacyContactId("111111"), "secret");
  }

  static LoginFailure loginFailure(CompletableFuture<LegacySession> future) throws InterruptedException {
    return loginException(future).failure();
  }

  static LoginFailedException loginException(CompletableFuture<LegacySession> future) throws InterruptedException {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    return assertInstanceOf(LoginFailedException.class, e.getCause());
  }

  interface Script {
    void run(OutputStream out) throws IOException;
  }

  /** Accepts one connection, runs the script, reads until the client closes. */
  private static Thread serveOnce(ServerSocket server, Script script) {
    Thread thread = new Thread(() -> {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(5000);
        script.run(socket.getOutputStream());
        socket.getOutputStream().flush();
        byte[] buffer = new byte[1024];
        while (socket.getInputStream().read(buffer) >= 0) {
          // drain
        }
      } catch (IOException e) {
        // the client went away
      }
    }, "fake-oscar-server");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
