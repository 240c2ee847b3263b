package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.icqtransport.distribution.Main;
import net.icqtransport.xmpp.server.LocalServers;
import org.junit.jupiter.api.io.TempDir;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.testing.PostgresServer;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two transport instances behind one component domain (XEP-0114), balanced by a real ejabberd 23.01 by the
 * sender's bare JID ({@code domain_balancing}, {@code bare_source}, {@code component_number: 2}), sharing one
 * real PostgreSQL database: users spread over both, chat both ways, and when one instance stops, the other
 * takes its users over (XEP-0100 §4.4 probes) within a measured, bounded time. See docs/scaling.md.
 *
 * <p>Load (issue #21): {@value #USERS} users; during a switch each user of the instance that goes away writes to
 * an ICQ contact (bob), and bob to each of them, every {@value #ROUND_MILLIS} ms (5 messages a second each way
 * per user), in rounds; the messages of a round are spread over its {@value #ROUND_MILLIS} ms, so the traffic never
 * pauses and a kill lands while users write.
 */
class SeveralInstancesEndToEndTest {
  private static final String COMPONENT = "icq.localhost";
  private static final String BOB_UIN = "300001";
  private static final String BOB_PASSWORD = "icq-pass-bob";
  private static final int USERS = 20;
  private static final long ROUND_MILLIS = 200;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration WAIT_FOR_TAKE_OVER = Duration.ofSeconds(30);
  /**
   * Issue #21: every moved user is back within 1 s of the signal, with the simulator refusing more logins from one
   * address than {@value #SIMULATOR_LOGINS_PER_SECOND} a second: each instance may start login-burst 20 (set
   * here, as docs/scaling.md tells operators; the default is 1) + login-rate 10 (the default) in a second, and here both instances log in from 127.0.0.1. A refused login
   * would wait oscar.rate-limited-wait (5 min), so the take-over could not finish in time.
   */
  private static final Duration TAKE_OVER_LIMIT = Duration.ofSeconds(1);
  private static final int SIMULATOR_LOGINS_PER_SECOND = 60;
  /**
   * What a kill under this traffic may lose, per direction (docs/scaling.md, "Limits" and "Measured"): at most one
   * message per moving user, and only messages written within {@value #KILL_WINDOW_MILLIS} ms of the kill.
   */
  private static final int KILL_WINDOW_MILLIS = 200;
  /** The ejabberd module shipped in the distribution (see docs/scaling.md); tests run in the module folder. */
  private static final Path FAILOVER_MODULE = Path.of("src/main/dist/ejabberd/mod_component_failover.erl");

  private OscarSimulator simulator;
  private EjabberdServer ejabberd;
  private PostgresServer postgres;
  private IcqNetwork icqNetwork;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<TransportApplication> instances = new ArrayList<>();
  private final List<Process> processes = new ArrayList<>();
  private final Map<Integer, JabberClient> clients = new LinkedHashMap<>();
  private final Map<Integer, Set<String>> bounced = new ConcurrentHashMap<>();
  /** Bob's messages to the users that reached them, and those the ICQ server refused to take from him. */
  private final Set<String> receivedFromBob = ConcurrentHashMap.newKeySet();
  private final Set<String> refusedByIcq = ConcurrentHashMap.newKeySet();
  private IcqUser bob;
  @TempDir
  Path processFolder;

  @BeforeEach
  void startServers() {
    OscarSimulator.Builder builder = OscarSimulator.builder().account(BOB_UIN, BOB_PASSWORD);
    for (int i = 1; i <= USERS; i++) {
      builder.account(uin(i), "icq-pass-" + i);
    }
    // The transport has one address for all its users: a take-over that logged in faster than this is refused.
    simulator = builder.loginRateLimitPerIp(SIMULATOR_LOGINS_PER_SECOND, Duration.ofSeconds(1)).start();
    postgres = PostgresServer.start();
    ejabberd = EjabberdServer.create(COMPONENT, "component-secret-scaling", 2).withModule(FAILOVER_MODULE);
    ejabberd.start();
    for (int i = 1; i <= USERS; i++) {
      ejabberd.addUser(user(i), "xmpp-pass-" + i);
    }
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (icqNetwork != null) {
      icqNetwork.close();
    }
    for (TransportApplication instance : instances) {
      instance.close();
    }
    for (Process process : processes) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    ejabberd.close();
    postgres.close();
    simulator.close();
  }

  /**
   * The graceful stop in its two halves, as SIGTERM runs them back to back ({@code close()} = {@code stopServing()}
   * and the close of the stream): while the instance signs its users off and then keeps answering, both directions
   * go on writing (the users' messages read by the stopping instance are answered "restarting", type wait; bob's
   * wait on the ICQ server, the users being off ICQ); the users pause only for the close of the stream itself and
   * until ejabberd routes them to the survivor. That instant is ejabberd's, not the component's
   * (docs/scaling.md, "Limits"): what ejabberd routes to a connection in the moment it closes is lost, and a
   * component cannot say "route around me" before it closes. Everything written is delivered or bounced.
   */
  @Test
  void aStoppedInstancesUsersMoveToTheSurvivorAndNoMessageIsLost() throws Exception {
    String database = postgres.createDatabase();
    TransportApplication first = startInstance(database);
    TransportApplication second = startInstance(database);
    assertTrue(first.awaitConnected(WAIT) && second.awaitConnected(WAIT), "both connected; log:\n" + ejabberd.log());
    List<Integer> moving = everyoneRegisteredAndChatting(first);

    Switch outcome = writeDuring(moving, traffic -> {
      second.stopServing(); // the users are signed off ICQ and told; the stream stays up and answers
      traffic.awaitRounds(3); // both directions write on while the stopping instance answers
      traffic.pauseUsers();
      traffic.awaitUsersAnswered(); // every message the users wrote was read and answered: none in flight
      traffic.switched();
      second.close();
      instances.remove(second);
      for (int i : moving) {
        awaitRoutedToTheSurvivor(i);
      }
      traffic.resumeUsers();
    }, first);
    outcome.assertNothingLost("stop", moving.size());
    assertTrue(outcome.bounced().size() > 0, "messages were written to the stopping instance and answered");
    chatBothWays(moving, "after the stop");

    // With no instance left, ejabberd answers for the domain (mod_component_failover) instead of dropping.
    first.close();
    instances.remove(first);
    // ejabberd removes the route when its connection process ends, a moment after the socket closed; a
    // stanza routed to that process in between is lost (see docs/scaling.md, Limits): not what this checks.
    Thread.sleep(1_000);
    int writer = moving.get(0);
    clients.get(writer).sendChat(jid(BOB_UIN), "nobody serves this");
    Await.until(() -> bounced.get(writer).contains("nobody serves this"), WAIT,
        "a message sent while no instance is up bounced to its sender");
    assertNoCapsCrash();
  }

  /** With mod_muc loaded, ejabberd's mod_caps handles the clients' presences with caps without a crash. */
  private void assertNoCapsCrash() {
    String log = ejabberd.log();
    assertFalse(log.contains("module_not_loaded"), "ejabberd logged a module_not_loaded crash:\n" + log);
  }

  /**
   * The second instance is a separate JVM killed with SIGKILL: its component connection and OSCAR connections
   * are cut by the kernel, nothing is signed off. The kill lands while both directions write (a message each way
   * every 18 ms or so): a stanza the killed process had read but not yet passed on (to ICQ, or to ejabberd) is
   * lost with the process, without an error to anyone (XEP-0114 has no acknowledgements, and the ICQ server
   * counts what it wrote to the session as delivered). The losses are counted per direction and must stay
   * within what docs/scaling.md states: at most one message per moving user and direction, each written within
   * {@value #KILL_WINDOW_MILLIS} ms of the kill; everything else is delivered or bounced.
   */
  @Test
  void aKilledInstancesUsersMoveToTheSurvivorAndOnlyTheKillWindowIsLost() throws Exception {
    String database = postgres.createDatabase();
    TransportApplication first = startInstance(database);
    assertTrue(first.awaitConnected(WAIT), "first connected; log:\n" + ejabberd.log());
    Process second = startInstanceProcess(database);
    List<Integer> moving = everyoneRegisteredAndChatting(first);

    Switch outcome = writeDuring(moving, traffic -> {
      traffic.switched();
      second.destroyForcibly(); // SIGKILL
      second.waitFor(10, TimeUnit.SECONDS);
    }, first);
    outcome.assertLostOnlyInTheKillWindow(moving.size());
    chatBothWays(moving, "after the kill");

    // The killed instance comes back: it takes its slot again, and its users move back to it on their next
    // stanza (a login there kicks the survivor's session: a hand-over, nobody is told).
    TransportApplication again = startInstance(database);
    assertTrue(again.awaitConnected(WAIT), "the restarted instance connected");
    chatBothWays(moving, "after the restart");
    for (int i : moving) {
      UserAddress user = new UserAddress(user(i) + "@localhost");
      Await.until(() -> again.gateway().hasSession(user) && !first.gateway().hasSession(user), WAIT,
          user + " served by the restarted instance only");
    }
    assertNoCapsCrash();
  }

  /** What happened to the messages written while one instance went away. */
  private record Switch(Duration takeOver, Duration medianLogin, int sent, int delivered, List<String> bounced,
      List<String> lost, Map<String, Long> lostSentMillisAfterSwitch) {
    void print(String scenario, int users) {
      System.out.printf("[scaling] %s: take-over of %d users took %d ms (median user %d ms); sent %d, delivered %d,"
          + " bounced %s, lost %d %s%n", scenario, users, takeOver.toMillis(), medianLogin.toMillis(), sent, delivered,
          bounced, lost.size(), lostSentMillisAfterSwitch);
      assertTrue(takeOver.compareTo(TAKE_OVER_LIMIT) <= 0,
          "take-over within " + TAKE_OVER_LIMIT.toMillis() + " ms, not " + takeOver.toMillis());
      assertTrue(delivered > 0, "messages went through during the switch");
    }

    void assertNothingLost(String scenario, int users) {
      print(scenario, users);
      assertEquals(List.of(), lost, "every message written during the switch is delivered or bounced");
    }

    void assertLostOnlyInTheKillWindow(int users) {
      print("kill", users);
      List<String> toIcq = lost.stream().filter(body -> body.startsWith("switch-")).toList();
      List<String> toJabber = lost.stream().filter(body -> body.startsWith("back-")).toList();
      System.out.printf("[scaling] kill: lost Jabber -> ICQ %d %s, ICQ -> Jabber %d %s%n",
          toIcq.size(), toIcq, toJabber.size(), toJabber);
      assertTrue(toIcq.size() <= users && toJabber.size() <= users,
          "at most one message per moving user and direction: " + lostSentMillisAfterSwitch);
      assertTrue(lostSentMillisAfterSwitch.values().stream().allMatch(ms -> Math.abs(ms) <= KILL_WINDOW_MILLIS),
          "only messages written within " + KILL_WINDOW_MILLIS + " ms of the kill are lost: "
              + lostSentMillisAfterSwitch);
    }
  }

  /**
   * Registers every user, checks they are spread over both instances and chat both ways, and returns the
   * users that the {@code survivor} does not serve.
   */
  private List<Integer> everyoneRegisteredAndChatting(TransportApplication survivor) throws Exception {
    for (int i = 1; i <= USERS; i++) {
      JabberClient client = JabberClient.login(ejabberd, user(i), "xmpp-pass-" + i);
      closeables.add(client);
      Set<String> bounces = ConcurrentHashMap.newKeySet();
      bounced.put(i, bounces);
      client.connection().addAsyncStanzaListener(stanza -> {
        Message message = (Message) stanza;
        if (message.getType() == Message.Type.error && message.getBody() != null) {
          bounces.add(message.getBody());
        } else if (message.getBody() != null && message.getBody().startsWith("back-")) {
          receivedFromBob.add(message.getBody());
        }
      }, StanzaTypeFilter.MESSAGE);
      client.registerWithTransport(COMPONENT, uin(i), "icq-pass-" + i);
      awaitTransportOnline(client);
      clients.put(i, client);
    }
    for (int i = 1; i <= USERS; i++) {
      int n = i;
      Await.until(() -> simulator.isOnline(uin(n)), WAIT, uin(n) + " online at the simulator");
    }
    List<UserAddress> onSurvivor = survivor.gateway().onlineUsers();
    System.out.printf("[scaling] the surviving instance serves %s of %d users%n", onSurvivor, USERS);
    assertFalse(onSurvivor.isEmpty(), "the surviving instance serves someone");
    assertTrue(onSurvivor.size() < USERS, "the other instance serves someone");
    for (TransportApplication instance : instances) {
      assertTrue(instance.gateway().onlineUsers().stream().noneMatch(u -> instance != survivor
          && onSurvivor.contains(u)), "each user on exactly one instance");
    }
    bob = icqUser(BOB_UIN, BOB_PASSWORD);
    chatBothWays(IntStream.rangeClosed(1, USERS).boxed().toList(), "hello");
    return IntStream.rangeClosed(1, USERS).boxed()
        .filter(i -> !onSurvivor.contains(new UserAddress(user(i) + "@localhost"))).toList();
  }

  private void chatBothWays(List<Integer> users, String greeting) throws Exception {
    for (int i : users) {
      String toBob = greeting + " bob from " + user(i);
      clients.get(i).sendChat(jid(BOB_UIN), toBob);
      assertEquals(new Text(uin(i), toBob), bob.next(Text.class, t -> t.text().equals(toBob), WAIT));
      String toUser = greeting + " " + user(i) + " from bob";
      bob.session().sendMessage(new LegacyContactId(uin(i)), toUser).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(toUser, clients.get(i).nextMessageFrom(jid(BOB_UIN), m -> toUser.equals(m.getBody()), WAIT).getBody());
    }
  }

  /**
   * The {@code moving} users write to bob, and bob to each of them, in rounds every {@value #ROUND_MILLIS} ms while
   * {@code goAway} ends their instance (it starts between two rounds, and may pause the users' side); measures
   * from {@link Traffic#switched()} until the {@code survivor} serves them all and keeps writing a little longer.
   * Every message must then reach its recipient (bob's, while a user is between instances, as ICQ offline
   * messages; a user's, while being taken over, after the survivor's login) or come back to its sender as an
   * error.
   */
  private Switch writeDuring(List<Integer> moving, GoAway goAway, TransportApplication survivor) throws Exception {
    Traffic traffic = new Traffic(moving);
    traffic.start();
    try {
      traffic.awaitRounds(3); // some messages before the switch, too
      Thread.sleep(ROUND_MILLIS / 2);
      goAway.run(traffic);
      Map<Integer, Long> backAt = new ConcurrentHashMap<>();
      Await.until(() -> {
        for (int i : moving) {
          if (!backAt.containsKey(i) && survivor.gateway().hasSession(new UserAddress(user(i) + "@localhost"))
              && simulator.isOnline(uin(i))) {
            backAt.put(i, System.nanoTime() - traffic.switchedAt);
          }
        }
        return backAt.size() == moving.size();
      }, WAIT_FOR_TAKE_OVER, "the survivor took every user over");
      List<Long> times = backAt.values().stream().sorted().toList();
      Duration takeOver = Duration.ofNanos(times.get(times.size() - 1));
      Duration median = Duration.ofNanos(times.get(times.size() / 2));
      traffic.awaitRounds(8); // keep writing a little after the take-over
      traffic.stop();
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!traffic.unaccounted().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100); // what is still on its way; what never comes is reported as lost below
      }
      Set<String> bouncedBodies = bouncedOf(traffic.sent);
      List<String> lost = traffic.unaccounted();
      Map<String, Long> lostAt = new LinkedHashMap<>();
      for (String body : lost) {
        lostAt.put(body, TimeUnit.NANOSECONDS.toMillis(traffic.sentAt.get(body) - traffic.switchedAt));
      }
      return new Switch(takeOver, median, traffic.sent.size(), traffic.delivered().size(),
          bouncedBodies.stream().sorted().toList(), lost, lostAt);
    } catch (AssertionError e) {
      traffic.stop();
      System.out.printf("[scaling] unaccounted when it failed: %s%n", traffic.unaccounted());
      throw e;
    } finally {
      traffic.close();
    }
  }

  /** What makes the instance go away during the traffic; calls {@link Traffic#switched()} at the moment it does. */
  @FunctionalInterface
  private interface GoAway {
    void run(Traffic traffic) throws Exception;
  }

  /**
   * The messages of a switch: a writer thread sends the rounds (each moving user to bob, bob to each moving user),
   * a collector thread takes what reaches bob. The users' side can pause between rounds.
   */
  private final class Traffic {
    private final List<Integer> moving;
    final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** When each message was written (nanoTime, just before it was handed to its client). */
    final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Set<String> sentByUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> deliveredToBob = ConcurrentHashMap.newKeySet();
    private final Semaphore roundWritten = new Semaphore(0);
    private volatile boolean usersPaused;
    private volatile boolean running = true;
    private volatile boolean collecting = true;
    private final AtomicInteger roundsStarted = new AtomicInteger();
    private final Thread writer = new Thread(this::write, "switch-writer");
    private final Thread collector = new Thread(this::collect, "switch-collector");
    volatile long switchedAt = System.nanoTime();

    Traffic(List<Integer> moving) {
      this.moving = moving;
    }

    void start() {
      writer.start();
      collector.start();
    }

    private void write() {
      try {
        long roundStart = System.nanoTime();
        for (int round = 0; running; round++) {
          roundsStarted.incrementAndGet();
          boolean users = !usersPaused;
          for (int k = 0; k < moving.size(); k++) {
            int i = moving.get(k);
            sleepUntil(roundStart + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS) * k / moving.size());
            if (users) {
              String body = "switch-" + user(i) + "-" + round;
              sent.add(body);
              sentByUsers.add(body);
              sentAt.put(body, System.nanoTime());
              clients.get(i).sendChat(jid(BOB_UIN), body);
            }
            String back = "back-" + user(i) + "-" + round;
            sent.add(back);
            sentAt.put(back, System.nanoTime());
            bob.session().sendMessage(new LegacyContactId(uin(i)), back).whenComplete((ok, failure) -> {
              if (failure != null) {
                refusedByIcq.add(back); // bounced to bob, its sender, by the ICQ server
              }
            });
          }
          roundWritten.release();
          roundStart += TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS);
          sleepUntil(roundStart);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    private void sleepUntil(long nanoTime) throws InterruptedException {
      long wait = nanoTime - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }

    private void collect() {
      while (collecting) {
        try {
          deliveredToBob.add(bob.next(IcqUser.Text.class, t -> t.text().startsWith("switch-"), Duration.ofMillis(200))
              .text());
        } catch (AssertionError quiet) {
          // nothing this moment
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Waits until {@code n} more rounds were written. */
    void awaitRounds(int n) throws InterruptedException {
      roundWritten.drainPermits();
      assertTrue(roundWritten.tryAcquire(n, WAIT.toSeconds(), TimeUnit.SECONDS), n + " rounds written");
    }

    /** From the next round on, only bob writes; returns once such a round started. */
    void pauseUsers() {
      usersPaused = true;
      int now = roundsStarted.get();
      Await.until(() -> roundsStarted.get() > now, WAIT, "a round without the users");
    }

    void resumeUsers() {
      usersPaused = false;
    }

    /** Waits until every message the users wrote so far reached bob or came back to them. */
    void awaitUsersAnswered() {
      Await.until(() -> sentByUsers.stream().allMatch(body -> deliveredToBob.contains(body) || bouncedToUsers(body)),
          WAIT, "every message the users wrote is answered");
    }

    /** The moment the instance goes away (the take-over is measured from here). */
    void switched() {
      switchedAt = System.nanoTime();
    }

    Set<String> delivered() {
      Set<String> all = new HashSet<>(receivedFromBob);
      all.addAll(deliveredToBob);
      all.retainAll(sent);
      return all;
    }

    List<String> unaccounted() {
      Set<String> delivered = delivered();
      Set<String> bouncedBodies = bouncedOf(sent);
      return sent.stream().filter(body -> !delivered.contains(body) && !bouncedBodies.contains(body)).sorted().toList();
    }

    /** Stops writing; collecting goes on until {@link #close()}. */
    void stop() throws InterruptedException {
      running = false;
      writer.interrupt();
      writer.join(10_000);
    }

    void close() throws InterruptedException {
      stop();
      collecting = false;
      collector.join(10_000);
    }
  }

  /** Whether the message came back to the user who wrote it, as an error. */
  private boolean bouncedToUsers(String body) {
    return bounced.values().stream().anyMatch(bodies -> bodies.contains(body));
  }

  /**
   * Waits until ejabberd routes the user's stanzas to the survivor: a ping from the user to the component domain
   * is answered (XEP-0199). One routed to the stopped instance's connection in the moment it ends is lost, and
   * sent again.
   */
  private void awaitRoutedToTheSurvivor(int i) {
    PingManager pings = PingManager.getInstanceFor(clients.get(i).connection());
    Await.until(() -> {
      try {
        return pings.ping(JidCreate.from(COMPONENT), 1_000);
      } catch (SmackException.NoResponseException e) {
        return false;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, WAIT, user(i) + "'s stanzas reach the survivor");
  }

  /** Messages bounced to their senders: to a Jabber user as a message error, to bob as a failed send. */
  private Set<String> bouncedOf(Set<String> sent) {
    return Stream.concat(bounced.values().stream().flatMap(Set::stream), refusedByIcq.stream())
        .filter(sent::contains).collect(Collectors.toSet());
  }

  private static final String DATABASE_KEY = net.icqtransport.core.crypto.DatabaseKey.generate().toBase64();

  /** The settings every instance shares: ejabberd, the simulator, the database, several-instances mode. */
  private Map<String, Object> sharedSettings(String database) {
    return Map.of(
        "icq-transport.xmpp.port", ejabberd.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", ejabberd.componentSecret(),
        "icq-transport.xmpp.several-instances", true,
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        // A survivor logs the users it takes over in at once (docs/scaling.md).
        "icq-transport.oscar.login-burst", 20,
        "icq-transport.database.url", database,
        "icq-transport.database.username", PostgresServer.USER,
        // Every instance decrypts the shared registrations with the same key.
        "icq-transport.database.key", DATABASE_KEY);
  }

  private TransportApplication startInstance(String database) {
    Map<String, Object> settings = new HashMap<>(sharedSettings(database));
    settings.put("icq-transport.http.port", 0);
    TransportApplication instance = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(settings)));
    instances.add(instance);
    return instance;
  }

  /**
   * An instance in a JVM of its own ({@code icq-transport run --config FILE}, this test's class path), so that
   * it can be killed; returns once its {@code /health} says it is connected to ejabberd.
   */
  private Process startInstanceProcess(String database) throws Exception {
    int httpPort = LocalServers.freePort();
    Map<String, Object> settings = new HashMap<>(sharedSettings(database));
    settings.put("icq-transport.http.port", httpPort);
    Path config = processFolder.resolve("instance.conf");
    Files.writeString(config, ConfigFactory.parseMap(settings).root().render(ConfigRenderOptions.concise()));
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-De2e.log.file=" + processFolder.resolve("instance-transport.log"), // not this JVM's log file
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(processFolder.resolve("instance.log").toFile())
        .start();
    processes.add(process);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build();
    Await.until(() -> {
      if (!process.isAlive()) {
        return true;
      }
      try {
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false; // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, WAIT, "the second instance connected");
    assertTrue(process.isAlive(), "the second instance runs; its log:\n" + processLog());
    return process;
  }

  private String processLog() {
    return LocalServers.readLogs(
        List.of(processFolder.resolve("instance.log"), processFolder.resolve("instance-transport.log")));
  }

  private IcqUser icqUser(String uin, String password) throws Exception {
    if (icqNetwork == null) {
      icqNetwork = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
          .withLoginPort(simulator.loginAddress().getPort()));
    }
    IcqUser user = IcqUser.login(icqNetwork, uin, password, WAIT);
    closeables.add(user);
    return user;
  }

  private static void awaitTransportOnline(JabberClient user) throws Exception {
    user.nextPresenceFrom(COMPONENT,
        p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
  }

  private static String user(int i) {
    return "user" + i;
  }

  private static String uin(int i) {
    return String.valueOf(200000 + i);
  }

  private static String jid(String uin) {
    return uin + "@" + COMPONENT;
  }
}
