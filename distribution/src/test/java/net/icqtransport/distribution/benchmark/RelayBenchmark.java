package net.icqtransport.distribution.benchmark;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.e2e.JabberClient;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.packet.Presence;

/**
 * Relay rate and latency: N Jabber users on a private Prosody each chat with an ICQ echo bot in the simulator
 * through the transport, and, in the same run with the same clients and Prosody, with a minimal echo component
 * ({@link EchoComponent}), whose rate is the limit. Latency is measured at a fixed offered load of half the
 * echo component's rate, for both paths; the difference of their p99 is what the transport adds.
 */
final class RelayBenchmark {
  static final String COMPONENT = "icq.localhost";
  static final String ECHO_COMPONENT = "echo.localhost";
  static final String ECHO_BOT = "999999";

  /**
   * Sizes and durations of one run.
   *
   * @param fixedLoad the offered load of the latency runs in messages per second; 0 for half the echo
   *     component's highest rate
   */
  record Plan(int users, int window, Duration warmUp, Duration measured, double fixedLoad) {}

  /** Everything measured. */
  record Result(int users, ChatLoad.Outcome echoMax, ChatLoad.Outcome relayMax, double offeredLoad,
      ChatLoad.Outcome echoAtLoad, ChatLoad.Outcome relayAtLoad) {
    double ratio() {
      return relayMax.ratePerSecond() / echoMax.ratePerSecond();
    }

    double addedP99Millis() {
      return relayAtLoad.p99Millis() - echoAtLoad.p99Millis();
    }

    List<ChatLoad.Outcome> outcomes() {
      return List.of(echoMax, relayMax, echoAtLoad, relayAtLoad);
    }
  }

  private RelayBenchmark() {}

  static Result run(Path folder, Plan plan) throws Exception {
    OscarSimulator.Builder simulatorBuilder = OscarSimulator.builder().echoBot(ECHO_BOT).rateLimits(false);
    for (int i = 0; i < plan.users(); i++) {
      simulatorBuilder.account(uin(i), icqPassword(i));
    }
    List<AutoCloseable> toClose = new ArrayList<>();
    try (OscarSimulator simulator = simulatorBuilder.start();
         ProsodyServer prosody = ProsodyServer.create(folder.resolve("prosody"), COMPONENT, "bench-secret")) {
      prosody.addComponent(ECHO_COMPONENT, "echo-secret").logLevel("warn");
      for (int i = 0; i < plan.users(); i++) {
        prosody.addUser("bench" + i, "xmpp-pw-" + i);
      }
      prosody.start();
      toClose.add(EchoComponent.connect(prosody.componentPort(), ECHO_COMPONENT, "echo-secret"));
      TransportApplication transport = TransportApplication.start(TransportConfig.from(ConfigFactory.parseMap(Map.of(
          "icq-transport.xmpp.port", prosody.componentPort(),
          "icq-transport.xmpp.domain", COMPONENT,
          "icq-transport.xmpp.secret", "bench-secret",
          "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
          "icq-transport.oscar.login-rate", 100,
          "icq-transport.database.file", folder.resolve("data/registrations").toString(),
          "icq-transport.http.port", 0))
          // The load is many messages per user per second: far above a user's default message rate.
          .withFallback(ConfigFactory.parseString(
              "icq-transport.access { messages-per-minute = 100000000, message-burst = 1000000 }"))));
      toClose.add(transport);
      if (!transport.awaitConnected(Duration.ofSeconds(30))) {
        throw new IllegalStateException("the transport did not connect to Prosody:\n" + prosody.log());
      }
      List<AbstractXMPPConnection> connections = new ArrayList<>();
      for (int i = 0; i < plan.users(); i++) {
        JabberClient client = JabberClient.login(prosody, "bench" + i, "xmpp-pw-" + i);
        toClose.add(client);
        client.registerWithTransport(COMPONENT, uin(i), icqPassword(i));
        client.nextPresenceFrom(COMPONENT,
            p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available,
            Duration.ofSeconds(30));
        client.stopCollecting();
        connections.add(client.connection());
      }
      ChatLoad load = new ChatLoad(connections);
      String echo = "echo@" + ECHO_COMPONENT;
      String bot = ECHO_BOT + "@" + COMPONENT;
      ChatLoad.Outcome echoMax = load.closedLoop(echo, plan.window(), plan.warmUp(), plan.measured());
      ChatLoad.Outcome relayMax = load.closedLoop(bot, plan.window(), plan.warmUp(), plan.measured());
      double half = plan.fixedLoad() > 0 ? plan.fixedLoad() : echoMax.ratePerSecond() / 2;
      ChatLoad.Outcome echoAtLoad = load.fixedRate(echo, half, plan.warmUp(), plan.measured());
      ChatLoad.Outcome relayAtLoad = load.fixedRate(bot, half, plan.warmUp(), plan.measured());
      return new Result(plan.users(), echoMax, relayMax, half, echoAtLoad, relayAtLoad);
    } finally {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
    }
  }

  static String uin(int i) {
    return String.valueOf(400_000 + i);
  }

  static String icqPassword(int i) {
    return "icq-" + i;
  }
}
