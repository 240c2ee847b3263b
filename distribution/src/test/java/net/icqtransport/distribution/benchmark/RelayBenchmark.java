package net.icqtransport.distribution.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.icqtransport.distribution.e2e.JabberClient;
import net.icqtransport.xmpp.testing.EjabberdServer;
import net.icqtransport.xmpp.testing.ProsodyServer;
import net.icqtransport.xmpp.testing.XmppTestServer;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.packet.Presence;

/**
 * Relay rate, latency and CPU per message: Jabber users on a private XMPP server (Prosody or ejabberd) chat
 * with an ICQ echo bot in the simulator through the transport, and, in alternating rounds with the same clients
 * and server, with a minimal echo component ({@link EchoComponent}), whose rate is the limit. Three processes
 * besides this one, so each one's CPU time is its own: the XMPP server, the simulator ({@link SimulatorProcess})
 * and the transport ({@link TransportProcess}, as users run it). Shapes: many users at their highest rate, one
 * user pipelining, and (if asked) a fixed offered load of half the echo component's rate for latency.
 */
final class RelayBenchmark {
  static final String COMPONENT = "icq.localhost";
  static final String ECHO_COMPONENT = "echo.localhost";
  static final String ECHO_BOT = "999999";
  private static final String SECRET = "bench-secret";
  private static final String ECHO_SECRET = "echo-secret";

  /** The XMPP servers the relay is measured through. */
  enum Server {
    PROSODY("prosody", "Prosody"),
    EJABBERD("ejabberd", "ejabberd");

    final String debianPackage;
    final String displayName;

    Server(String debianPackage, String displayName) {
      this.debianPackage = debianPackage;
      this.displayName = displayName;
    }
  }

  /**
   * Sizes and durations of one server's runs.
   *
   * @param users Jabber users (each registered with its own ICQ account)
   * @param window messages each user keeps in flight at the highest rate
   * @param singleUserWindow messages the one pipelining user keeps in flight; 0: no single-user shape
   * @param warmUp the start of each run that is not counted
   * @param measured the counted part of each run
   * @param rounds alternating echo/transport rounds per shape
   * @param fixedLoad the offered load of the latency shape in messages per second: 0 for half the echo
   *     component's median highest rate, negative for no latency shape
   * @param latencyOnly only the latency shape, at {@code fixedLoad} (positive)
   */
  record Plan(int users, int window, int singleUserWindow, Duration warmUp, Duration measured, int rounds,
      double fixedLoad, boolean latencyOnly) {}

  /** Everything measured through one server; {@code singleUser} and {@code fixedLoad} may be null. */
  record Result(Server server, String serverVersion, int users, RelayComparison manyUsers,
      RelayComparison singleUser, RelayComparison fixedLoad) {
    List<RelayComparison> comparisons() {
      List<RelayComparison> all = new ArrayList<>(List.of(manyUsers));
      if (singleUser != null) {
        all.add(singleUser);
      }
      if (fixedLoad != null) {
        all.add(fixedLoad);
      }
      return all;
    }
  }

  /** One run of the load to one target, the processes' CPU read over its measured window. */
  @FunctionalInterface
  private interface LoadRun {
    ChatLoad.Outcome run(String target, ChatLoad.WindowListener listener) throws Exception;
  }

  private RelayBenchmark() {}

  static Result run(Path folder, Server kind, Plan plan) throws Exception {
    java.nio.file.Files.createDirectories(folder);
    List<AutoCloseable> toClose = new ArrayList<>();
    try {
      SimulatorProcess simulator = SimulatorProcess.start(plan.users(), 0, ECHO_BOT, folder.resolve("simulator.log"));
      toClose.add(simulator);
      XmppTestServer server = switch (kind) {
        case PROSODY -> ProsodyServer.create(folder.resolve("prosody"), COMPONENT, SECRET)
            .addComponent(ECHO_COMPONENT, ECHO_SECRET).logLevel("warn");
        case EJABBERD -> EjabberdServer.create(COMPONENT, SECRET).addComponent(ECHO_COMPONENT, ECHO_SECRET);
      };
      toClose.add(server);
      server.start();
      for (int i = 0; i < plan.users(); i++) {
        server.addUser(user(i), xmppPassword(i));
      }
      int echoPort = server instanceof EjabberdServer ejabberd ? ejabberd.componentPort(ECHO_COMPONENT)
          : server.componentPort();
      toClose.add(EchoComponent.connect(echoPort, ECHO_COMPONENT, ECHO_SECRET));
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("icq-transport.xmpp.port", server.componentPort());
      settings.put("icq-transport.xmpp.domain", COMPONENT);
      settings.put("icq-transport.xmpp.secret", SECRET);
      settings.put("icq-transport.oscar.login-port", simulator.loginPort());
      settings.put("icq-transport.oscar.login-rate", 100);
      settings.put("icq-transport.database.file", folder.resolve("transport/data/registrations").toString());
      settings.put("icq-transport.http.port", 0);
      // The load is many messages per user per second: far above a user's default message rate.
      settings.put("icq-transport.access.messages-per-minute", 100_000_000);
      settings.put("icq-transport.access.message-burst", 1_000_000);
      TransportProcess transport = TransportProcess.start(folder.resolve("transport"), kind.debianPackage, settings);
      toClose.add(transport);
      List<AbstractXMPPConnection> connections = new ArrayList<>();
      for (int i = 0; i < plan.users(); i++) {
        JabberClient client = JabberClient.login(server, user(i), xmppPassword(i));
        toClose.add(client);
        client.registerWithTransport(COMPONENT, uin(i), icqPassword(i));
        client.nextPresenceFrom(COMPONENT,
            p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available,
            Duration.ofSeconds(30));
        client.stopCollecting();
        connections.add(client.connection());
      }
      String version = kind.displayName + " " + packageVersion(kind.debianPackage);
      ChatLoad many = new ChatLoad(connections);
      ChatLoad one = new ChatLoad(connections.subList(0, 1));
      Processes processes = new Processes(transport, simulator, server);
      // JIT and pools: one uncounted run of each before the rounds. The transport's is six rounds long: a
      // transport runs for months, and with 10 s its first measured rounds still paid for the JIT compiler
      // (ejabberd's first round 133 µs per message, the fifth 70; the compiler threads busy meanwhile); with three
      // the first round still cost 35-48 µs per message in four runs of 3 Dec against 20-29 in the later ones.
      many.closedLoop(echoTarget(), plan.window(), Duration.ZERO, plan.warmUp().plus(plan.measured()));
      many.closedLoop(botTarget(), plan.window(), Duration.ZERO, plan.warmUp().plus(plan.measured()).multipliedBy(6));
      if (plan.latencyOnly()) {
        RelayComparison fixedLoad = compare(version, plan.users() + " users, " + Math.round(plan.fixedLoad())
            + " msg/s offered", plan.fixedLoad(), processes, plan, (target, listener) -> many.fixedRate(target,
                plan.fixedLoad(), plan.warmUp(), plan.measured(), listener));
        return new Result(kind, version, plan.users(), fixedLoad, null, null);
      }
      RelayComparison manyUsers = compare(version, plan.users() + " users × " + plan.window() + " in flight", 0,
          processes, plan, (target, listener) -> many.closedLoop(target, plan.window(), plan.warmUp(),
              plan.measured(), listener));
      RelayComparison singleUser = plan.singleUserWindow() <= 0 ? null
          : compare(version, "1 user × " + plan.singleUserWindow() + " in flight", 0, processes, plan,
              (target, listener) -> one.closedLoop(target, plan.singleUserWindow(), plan.warmUp(), plan.measured(),
                  listener));
      RelayComparison fixedLoad = null;
      if (plan.fixedLoad() >= 0) {
        double offered = plan.fixedLoad() > 0 ? plan.fixedLoad() : manyUsers.echoRate().median() / 2;
        fixedLoad = compare(version, plan.users() + " users, " + Math.round(offered) + " msg/s offered", offered,
            processes, plan, (target, listener) -> many.fixedRate(target, offered, plan.warmUp(), plan.measured(),
                listener));
      }
      return new Result(kind, version, plan.users(), manyUsers, singleUser, fixedLoad);
    } finally {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
    }
  }

  /** {@code plan.rounds()} rounds, the echo component first in even rounds and the transport first in odd ones. */
  private static RelayComparison compare(String server, String shape, double offered, Processes processes, Plan plan,
      LoadRun load) throws Exception {
    List<RelayRound> rounds = new ArrayList<>();
    for (int round = 0; round < plan.rounds(); round++) {
      Processes.Window echoWindow = processes.window();
      Processes.Window relayWindow = processes.window();
      ChatLoad.Outcome echo;
      ChatLoad.Outcome relay;
      if (round % 2 == 0) {
        echo = load.run(echoTarget(), echoWindow);
        relay = load.run(botTarget(), relayWindow);
      } else {
        relay = load.run(botTarget(), relayWindow);
        echo = load.run(echoTarget(), echoWindow);
      }
      RelayRound result = new RelayRound(echo, relay, relayWindow.transport, relayWindow.simulator,
          relayWindow.server, echoWindow.server, plan.measured());
      System.out.printf(java.util.Locale.ROOT, "relay %s, %s, round %d: echo %.0f msg/s p50 %.1f p99 %.1f ms, "
          + "transport %.0f msg/s p50 %.1f p99 %.1f ms, ratio %.3f, transport CPU %.1f µs/msg, simulator %.1f "
          + "µs/msg%n", server,
          shape, round + 1, echo.ratePerSecond(), echo.p50Millis(), echo.p99Millis(), relay.ratePerSecond(),
          relay.p50Millis(), relay.p99Millis(), result.ratio(),
          result.transportCpuMicrosPerMessage(), result.simulatorCpuMicrosPerMessage());
      rounds.add(result);
    }
    return new RelayComparison(server, shape, offered, List.copyOf(rounds));
  }

  /** The processes whose CPU time is read over a measured window. */
  private record Processes(TransportProcess transport, SimulatorProcess simulator, XmppTestServer server) {
    Window window() {
      return new Window(this);
    }

    /** CPU time used by each process between {@link #opened()} and {@link #closed()}. */
    static final class Window implements ChatLoad.WindowListener {
      private final Processes processes;
      private Duration transportStart;
      private Duration simulatorStart;
      private Duration serverStart;
      Duration transport = Duration.ZERO;
      Duration simulator = Duration.ZERO;
      Duration server = Duration.ZERO;

      Window(Processes processes) {
        this.processes = processes;
      }

      @Override
      public void opened() {
        transportStart = processes.transport.cpu();
        simulatorStart = processes.simulator.cpu();
        serverStart = ProcessCpu.of(processes.server.processes());
      }

      @Override
      public void closed() {
        transport = processes.transport.cpu().minus(transportStart);
        simulator = processes.simulator.cpu().minus(simulatorStart);
        server = ProcessCpu.of(processes.server.processes()).minus(serverStart);
      }
    }
  }

  /** The installed Debian package's version, e.g. {@code 0.12.3-1}; "" if dpkg cannot say. */
  static String packageVersion(String debianPackage) {
    try {
      Process dpkg = new ProcessBuilder("dpkg-query", "-W", "-f", "${Version}", debianPackage)
          .redirectErrorStream(true).start();
      String version = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return dpkg.waitFor() == 0 ? version : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  static String echoTarget() {
    return "echo@" + ECHO_COMPONENT;
  }

  static String botTarget() {
    return ECHO_BOT + "@" + COMPONENT;
  }

  static String user(int i) {
    return "bench" + i;
  }

  static String xmppPassword(int i) {
    return "xmpp-pw-" + i;
  }

  static String uin(int i) {
    return SimulatorProcess.uin(i);
  }

  static String icqPassword(int i) {
    return SimulatorProcess.password(i);
  }
}
