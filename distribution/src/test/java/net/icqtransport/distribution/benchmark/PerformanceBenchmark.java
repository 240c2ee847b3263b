package net.icqtransport.distribution.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full benchmark (about 20 minutes on 2 cores), run only by the {@code benchmark} Maven profile through
 * {@code distribution/src/benchmark/run}; writes docs/benchmarks.md. Asserts nothing about the figures: the
 * report says which targets are met. With {@code -Dbenchmark.only=soak} it runs only the soak run (1,000 users
 * logging in and out 10 times, about a minute) and rewrites only its section of the report; with
 * {@code -Dbenchmark.only=relay}, {@code relay-prosody}, {@code relay-ejabberd} or {@code restart} only those
 * runs, printed (each round's line in the test's output), not written.
 */
class PerformanceBenchmark {
  static final int SOAK_USERS = 1_000;
  static final int SOAK_ROUNDS = 10;
  static final double SOAK_LOGIN_RATE = 400;
  static final int RESTART_USERS = 10_000;
  /** The simulator's per-IP login limit in the restart runs; the transport is not told it. */
  static final int SERVER_LOGIN_LIMIT = 200;
  /** Where the transport's login pacer starts learning: {@code oscar.login-rate}. */
  static final double STARTING_LOGIN_RATE = 50;

  private static final Duration RELAY_WARM_UP = Duration.ofSeconds(2);
  private static final Duration RELAY_MEASURED = Duration.ofSeconds(8);

  @TempDir Path folder;

  @Test
  void measureAndWriteTheReport() throws Exception {
    Path report = Path.of(System.getProperty("benchmark.report", "target/benchmarks.md"));
    String only = System.getProperty("benchmark.only", "");
    switch (only) {
      case "soak" -> {
        String section = BenchmarkReport.renderSoak(soak(), BenchmarkReport.SOAK_COMMAND);
        BenchmarkReport.writeSoak(report, section);
        System.out.println(section);
      }
      case "relay" -> relays();
      case "relay-prosody" -> prosodyRelay();
      case "relay-ejabberd" -> ejabberdRelay();
      // The latency shape alone through Prosody at -Dbenchmark.fixed-load msg/s (500 unless given), three rounds;
      // its histograms go to target/benchmark-latency, not beside the report.
      case "relay-latency" -> BenchmarkReport.writeHistograms(Path.of("target/relay-latency.md"),
          List.of(RelayBenchmark.run(folder.resolve("relay-latency"), RelayBenchmark.Server.PROSODY,
              new RelayBenchmark.Plan(20, 10, 0, RELAY_WARM_UP, RELAY_MEASURED, 3, fixedLoad(), true))));
      case "restart" -> restarts().forEach(System.out::println);
      case "" -> {
        List<RelayBenchmark.Result> relays = relays();
        SessionsBenchmark.ScaleResult scale = SessionsBenchmark.scale(folder.resolve("scale"),
            Integer.getInteger("benchmark.sessions", 20_000), 400, Duration.ofSeconds(20));
        List<SessionsBenchmark.RestartResult> restarts = restarts();
        SessionsBenchmark.SoakResult soak = soak();
        String markdown = BenchmarkReport.render(relays, scale, restarts, soak, System.getProperty("benchmark.notes", ""));
        BenchmarkReport.write(report, markdown);
        BenchmarkReport.writeHistograms(report, relays);
        System.out.println(markdown);
      }
      default -> throw new IllegalArgumentException(
          "benchmark.only: \"soak\", \"relay\", \"relay-prosody\", \"relay-ejabberd\", \"relay-latency\" or "
              + "\"restart\", not \""
              + only + "\"");
    }
  }

  /** {@code -Dbenchmark.fixed-load}: the latency shape's offered messages a second, 500 unless given. */
  private static double fixedLoad() {
    String given = System.getProperty("benchmark.fixed-load", "500");
    double perSecond;
    try {
      perSecond = Double.parseDouble(given);
    } catch (NumberFormatException e) {
      perSecond = Double.NaN;
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(
          "benchmark.fixed-load: a positive number of messages a second, not \"" + given + "\"");
    }
    return perSecond;
  }

  private List<RelayBenchmark.Result> relays() throws Exception {
    return List.of(prosodyRelay(), ejabberdRelay());
  }

  private RelayBenchmark.Result ejabberdRelay() throws Exception {
    return RelayBenchmark.run(folder.resolve("relay-ejabberd"), RelayBenchmark.Server.EJABBERD,
        new RelayBenchmark.Plan(20, 10, 0, RELAY_WARM_UP, RELAY_MEASURED, 5, -1, false));
  }

  private RelayBenchmark.Result prosodyRelay() throws Exception {
    return RelayBenchmark.run(folder.resolve("relay-prosody"), RelayBenchmark.Server.PROSODY,
        new RelayBenchmark.Plan(20, 10, 100, RELAY_WARM_UP, RELAY_MEASURED, 5, 0, false));
  }

  private List<SessionsBenchmark.RestartResult> restarts() throws Exception {
    return List.of(
        SessionsBenchmark.restart(folder.resolve("restart"), "fixed_limit", RESTART_USERS, STARTING_LOGIN_RATE,
            SERVER_LOGIN_LIMIT, SessionsBenchmark.LimitSchedule.fixed(SERVER_LOGIN_LIMIT)),
        SessionsBenchmark.restart(folder.resolve("restart-changing"), "changing_limit", RESTART_USERS,
            STARTING_LOGIN_RATE, SERVER_LOGIN_LIMIT,
            new SessionsBenchmark.LimitSchedule(120, Duration.ofSeconds(20), 250)));
  }

  private SessionsBenchmark.SoakResult soak() throws Exception {
    return SessionsBenchmark.soak(folder.resolve("soak"), SOAK_USERS, SOAK_ROUNDS, SOAK_LOGIN_RATE, true);
  }
}
