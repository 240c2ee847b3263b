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
import java.util.Map;
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

  /** The restart run's figures. */
  record RestartResult(int users, int onlineAfterRestart, long failedLogins, double restartSeconds,
      int ipLoginLimitPerSecond, double loginRate) {}

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

  static RestartResult restart(Path folder, int users, double loginRate, int ipLoginLimit) throws Exception {
    Files.createDirectories(folder);
    Path database = folder.resolve("registrations");
    register(database, users);
    Duration wait = Duration.ofSeconds((long) (users / loginRate) + 180);
    try (SimulatorProcess simulator = SimulatorProcess.start(users, ipLoginLimit, folder.resolve("simulator.log"));
         FakeXmppServer server = new FakeXmppServer(COMPONENT)) {
      try (TransportApplication first = start(server, simulator, database, loginRate)) {
        awaitOnline(server::onlineCount, users, wait);
      }
      Thread.sleep(1500); // the server's per-IP window forgets the first logins
      server.retriedLogins.set(0);
      server.refusedLogins.set(0);
      long start = System.nanoTime();
      try (TransportApplication second = start(server, simulator, database, loginRate)) {
        awaitOnline(server::onlineCount, users, wait);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RestartResult(users, server.onlineCount(), server.retriedLogins.get() + server.refusedLogins.get(),
            seconds, ipLoginLimit, loginRate);
      }
    }
  }

  private static TransportApplication start(FakeXmppServer server, SimulatorProcess simulator, Path database,
      double loginRate) throws InterruptedException {
    TransportApplication transport = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", server.port(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", "fake-server-takes-any",
        "icq-transport.oscar.login-port", simulator.loginPort(),
        "icq-transport.oscar.login-rate", loginRate,
        "icq-transport.database.file", database.toString(),
        "icq-transport.database.key", DATABASE_KEY.toBase64(),
        "icq-transport.http.port", 0))));
    if (!transport.awaitConnected(Duration.ofSeconds(30))) {
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
        store.save(new Registration(new UserAddress("u" + i + "@localhost"),
            new LegacyCredentials(new LegacyContactId(SimulatorProcess.uin(i)), SimulatorProcess.password(i)), now));
      }
    }
  }

  private static void awaitOnline(IntSupplier online, int users, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (online.getAsInt() < users) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(online.getAsInt() + " of " + users + " users online after " + timeout);
      }
      Thread.sleep(100);
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
