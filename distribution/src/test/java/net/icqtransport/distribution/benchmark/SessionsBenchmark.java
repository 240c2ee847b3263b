package net.icqtransport.distribution.benchmark;

import com.sun.management.OperatingSystemMXBean;
import com.typesafe.config.ConfigFactory;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;

/**
 * Sessions at scale and after a restart: registrations written straight into the store, the simulator in its
 * own process ({@link SimulatorProcess}), and a {@link FakeXmppServer} in place of Prosody that answers the
 * transport's probes with available presences. The transport (as {@link TransportApplication} wires it) runs
 * in this JVM, so heap, RSS and CPU are the transport's plus the small fake server's.
 */
final class SessionsBenchmark {
  static final String COMPONENT = "icq.localhost";

  /** The scale run's figures. */
  record ScaleResult(int users, int online, double loginSeconds, double heapMibAtRest, double baselineHeapMib,
      double rssMib, int threads, double cpuPercentOfOneCoreAtRest) {
    double heapKibPerSession() {
      return (heapMibAtRest - baselineHeapMib) * 1024 / users;
    }
  }

  /**
   * A restart run's figures: the second start of the transport on the same database.
   *
   * @param name short name for the report's rows, e.g. {@code changing_limit}
   * @param scenario the server's limit in words
   * @param refusedLogins logins the simulator refused for its rate limits during the second start
   * @param retriesShown presences that told a user of a failed login being retried
   * @param idealSeconds how long logging all users in takes at exactly the server's limit
   */
  record RestartResult(String name, String scenario, int users, int onlineAfterRestart, long refusedLogins,
      long retriesShown, double restartSeconds, double idealSeconds) {
    /** Logins the server refused plus users left without a session. */
    long failedLogins() {
      return refusedLogins + (users - onlineAfterRestart);
    }
  }

  /**
   * The server's per-IP login limit during a restart: {@code initial} logins per second, then {@code later}
   * from {@code changeAfter} on (no change when {@code changeAfter} is null).
   */
  record LimitSchedule(int initial, Duration changeAfter, int later) {
    static LimitSchedule fixed(int perSecond) {
      return new LimitSchedule(perSecond, null, perSecond);
    }

    /** Seconds {@code users} logins take at exactly the limit. */
    double idealSeconds(int users) {
      if (changeAfter == null) {
        return users / (double) initial;
      }
      double first = changeAfter.toNanos() / 1e9;
      double inFirst = first * initial;
      return users <= inFirst ? users / (double) initial : first + (users - inFirst) / later;
    }

    String describe() {
      return changeAfter == null ? initial + " logins/s per IP"
          : initial + " logins/s per IP, " + later + "/s after " + changeAfter.toSeconds() + " s";
    }
  }

  /**
   * One round of the soak run.
   *
   * @param heapMibAfterGc heap after GC once every session of the round is gone; NaN when not measured
   * @param onlineAtPeak sessions signed on at the simulator when all users were online
   * @param leftAfterLogout sessions still signed on at the simulator after the logout wait
   * @param bridgesLeftAfterLogout users the transport's gateway still has a bridge for after the logout wait
   */
  record SoakRound(int round, double heapMibAfterGc, int onlineAtPeak, int leftAfterLogout,
      int bridgesLeftAfterLogout, double seconds) {}

  /** The soak run's figures: {@code users} log in and out {@code rounds.size()} times. */
  record SoakResult(int users, double loginRate, double baselineHeapMib, List<SoakRound> rounds) {
    /** The round growth is measured from: the second (the first also fills caches that then stay). */
    SoakRound from() {
      return rounds.get(Math.min(1, rounds.size() - 1));
    }

    SoakRound last() {
      return rounds.get(rounds.size() - 1);
    }

    /** Heap after GC from the first round to the last, in percent of the first round's. */
    double growthPercentFirstToLast() {
      double first = rounds.get(0).heapMibAfterGc();
      return (last().heapMibAfterGc() - first) / first * 100;
    }

    /** Heap after GC, last round minus {@link #from()}. */
    double growthMib() {
      return last().heapMibAfterGc() - from().heapMibAfterGc();
    }

    /** Logins between the end of {@link #from()} and the end of the last round. */
    int loginsCounted() {
      return users * (last().round() - from().round());
    }

    /** {@link #growthMib()} per login, in bytes; NaN with fewer than two rounds. */
    double growthBytesPerLogin() {
      return loginsCounted() == 0 ? Double.NaN : growthMib() * 1024 * 1024 / loginsCounted();
    }

    /** Whether every round had all users online and then none left, at the simulator and in the transport. */
    boolean complete() {
      return rounds.stream().allMatch(r -> r.onlineAtPeak() == users && r.leftAfterLogout() == 0
          && r.bridgesLeftAfterLogout() == 0);
    }
  }

  private SessionsBenchmark() {}

  static ScaleResult scale(Path folder, int users, double loginRate, Duration rest) throws Exception {
    Files.createDirectories(folder);
    Path database = folder.resolve("registrations");
    register(database, users);
    double baseline = heapAfterGcMib();
    try (SimulatorProcess simulator = SimulatorProcess.start(users, 0, folder.resolve("simulator.log"));
         FakeXmppServer server = new FakeXmppServer(COMPONENT)) {
      long start = System.nanoTime();
      try (TransportApplication transport = start(server, simulator, database, loginRate)) {
        awaitOnline(server::onlineCount, users, Duration.ofSeconds((long) (users / loginRate) + 120));
        double loginSeconds = (System.nanoTime() - start) / 1e9;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Thread.sleep(2000);
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        Thread.sleep(rest.toMillis());
        double cpu = 100.0 * (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
        double heap = heapAfterGcMib();
        return new ScaleResult(users, server.onlineCount(), loginSeconds, heap, baseline, rssMib(),
            Thread.activeCount(), cpu);
      }
    }
  }

  /**
   * Logs {@code users} in through a first transport against the simulator's per-IP limit of {@code firstLimit}
   * logins per second (the pacer learns it), stops it, sets the limit to {@code restartLimit}'s start and starts
   * a second transport on the same database (the learned rate with it), changing the limit as scheduled; measures
   * the second start.
   *
   * @param startingRate the configured {@code oscar.login-rate}: where the first transport starts learning
   */
  static RestartResult restart(Path folder, String name, int users, double startingRate, int firstLimit,
      LimitSchedule restartLimit) throws Exception {
    Files.createDirectories(folder);
    Path database = folder.resolve("registrations");
    register(database, users);
    Duration wait = Duration.ofSeconds((long) (users / startingRate) + 180);
    try (SimulatorProcess simulator = SimulatorProcess.start(users, firstLimit, folder.resolve("simulator.log"));
         FakeXmppServer server = new FakeXmppServer(COMPONENT)) {
      try (TransportApplication first = start(server, simulator, database, startingRate)) {
        awaitOnline(server::onlineCount, users, wait);
      }
      simulator.loginLimitPerSecond(restartLimit.initial());
      Thread.sleep(1500); // the server's per-IP window forgets the first logins
      server.retriedLogins.set(0);
      server.refusedLogins.set(0);
      int refusedBefore = simulator.refusedLogins();
      long start = System.nanoTime();
      try (TransportApplication second = start(server, simulator, database, startingRate)) {
        if (restartLimit.changeAfter() != null) {
          awaitOnline(server::onlineCount, users, restartLimit.changeAfter(), false);
          simulator.loginLimitPerSecond(restartLimit.later());
        }
        awaitOnline(server::onlineCount, users, wait);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RestartResult(name, restartLimit.describe(), users, server.onlineCount(),
            simulator.refusedLogins() - refusedBefore, server.retriedLogins.get() + server.refusedLogins.get(),
            seconds, restartLimit.idealSeconds(users));
      }
    }
  }

  /**
   * The soak run: {@code users} log in and out {@code rounds} times through their own presences (the fake
   * server sends each user available, waits until all are signed on at the simulator and shown online by the
   * transport, sends all unavailable, and waits until no session is left at the simulator nor in the
   * transport), then, if {@code measureHeap}, the heap after GC. The transport runs without its HTTP listener:
   * nothing scrapes /metrics (whose gauges are the only callers of {@code IcqNetwork.rateStatistics()}), so
   * anything kept per login until a scrape shows as growing heap. A round whose wait times out is recorded
   * with the counts it reached.
   */
  static SoakResult soak(Path folder, int users, int rounds, double loginRate, boolean measureHeap)
      throws Exception {
    Files.createDirectories(folder);
    Path database = folder.resolve("registrations");
    register(database, users);
    List<String> jids = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      jids.add(userJid(i));
    }
    double baseline = measureHeap ? heapAfterGcMib() : Double.NaN;
    List<SoakRound> results = new ArrayList<>(rounds);
    try (SimulatorProcess simulator = SimulatorProcess.start(users, 0, folder.resolve("simulator.log"));
         FakeXmppServer server = new FakeXmppServer(COMPONENT)) {
      server.presences(jids, false); // the transport's probes at its start go unanswered: round 1 logs in like the rest
      try (TransportApplication transport = start(server, simulator, database, loginRate, false)) {
        Duration loginWait = Duration.ofSeconds((long) (users / loginRate) + 60);
        Duration logoutWait = Duration.ofSeconds(60 + users / 100);
        for (int round = 1; round <= rounds; round++) {
          long start = System.nanoTime();
          server.presences(jids, true);
          await(() -> simulatorSessions(simulator) >= users && server.onlineCount() >= users, loginWait);
          int peak = simulatorSessions(simulator);
          server.presences(jids, false);
          await(() -> simulatorSessions(simulator) == 0 && transport.gateway().onlineUsers().isEmpty(), logoutWait);
          int left = simulatorSessions(simulator);
          int bridges = transport.gateway().onlineUsers().size();
          double seconds = (System.nanoTime() - start) / 1e9;
          double heap = measureHeap ? heapAfterGcMib() : Double.NaN;
          results.add(new SoakRound(round, heap, peak, left, bridges, seconds));
          System.out.printf(java.util.Locale.ROOT, "soak round %d: heap after GC %.1f MiB, %d online at peak, "
              + "%d left at the simulator, %d bridges left, %.1f s%n", round, heap, peak, left, bridges, seconds);
        }
      }
    }
    return new SoakResult(users, loginRate, baseline, List.copyOf(results));
  }

  static String userJid(int i) {
    return "u" + i + "@localhost";
  }

  private static int simulatorSessions(SimulatorProcess simulator) {
    try {
      return simulator.onlineSessions();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until {@code condition} holds; false if it still does not after {@code timeout}. */
  private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  private static TransportApplication start(FakeXmppServer server, SimulatorProcess simulator, Path database,
      double loginRate) throws InterruptedException {
    return start(server, simulator, database, loginRate, true);
  }

  /** @param http whether the /metrics and /health listener runs (on a free port) */
  private static TransportApplication start(FakeXmppServer server, SimulatorProcess simulator, Path database,
      double loginRate, boolean http) throws InterruptedException {
    Map<String, Object> settings = new HashMap<>(Map.of(
        "icq-transport.xmpp.port", server.port(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", "fake-server-takes-any",
        "icq-transport.oscar.login-port", simulator.loginPort(),
        "icq-transport.oscar.login-rate", loginRate,
        "icq-transport.database.file", database.toString(),
        "icq-transport.database.key", DATABASE_KEY.toBase64(),
        "icq-transport.http.enabled", http,
        "icq-transport.http.port", 0));
    TransportApplication transport = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(settings)));
    // Connected once the transport has also probed every registered user's presence: 10,000 probes.
    if (!transport.awaitConnected(Duration.ofSeconds(120))) {
      transport.close();
      throw new IllegalStateException("the transport did not connect to the fake XMPP server");
    }
    return transport;
  }

  /** The key the registrations are written with and the transport reads them with. */
  private static final net.icqtransport.core.crypto.DatabaseKey DATABASE_KEY =
      net.icqtransport.core.crypto.DatabaseKey.generate();

  private static void register(Path database, int users) {
    try (HikariDataSource dataSource = JdbcRegistrationStore.embeddedDataSource(database.toAbsolutePath())) {
      JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource,
          new net.icqtransport.core.crypto.PasswordCipher(DATABASE_KEY));
      Instant now = Instant.now();
      for (int i = 0; i < users; i++) {
        store.save(new Registration(new UserAddress(userJid(i)),
            new LegacyCredentials(new LegacyContactId(SimulatorProcess.uin(i)), SimulatorProcess.password(i)), now));
      }
    }
  }

  private static void awaitOnline(IntSupplier online, int users, Duration timeout) throws InterruptedException {
    awaitOnline(online, users, timeout, true);
  }

  /** Waits until {@code users} are online or {@code timeout} passed; then fails only if {@code failLate}. */
  private static void awaitOnline(IntSupplier online, int users, Duration timeout, boolean failLate)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (online.getAsInt() < users) {
      if (System.nanoTime() > deadline) {
        if (!failLate) {
          return;
        }
        throw new IllegalStateException(online.getAsInt() + " of " + users + " users online after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  static double heapAfterGcMib() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  static double rssMib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (java.io.IOException e) {
      // not Linux
    }
    return Double.NaN;
  }
}
