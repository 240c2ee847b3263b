package net.icqtransport.distribution.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full benchmark (about 10 minutes on 2 cores), run only by the {@code benchmark} Maven profile through
 * {@code distribution/src/benchmark/run}; writes docs/benchmarks.md. Asserts nothing about the figures: the
 * report says which targets are met. With {@code -Dbenchmark.only=soak} it runs only the soak run (1,000 users
 * logging in and out 10 times, about a minute) and rewrites only its section of the report.
 */
class PerformanceBenchmark {
  static final int SOAK_USERS = 1_000;
  static final int SOAK_ROUNDS = 10;
  static final double SOAK_LOGIN_RATE = 400;

  @TempDir Path folder;

  @Test
  void measureAndWriteTheReport() throws Exception {
    Path report = Path.of(System.getProperty("benchmark.report", "target/benchmarks.md"));
    String only = System.getProperty("benchmark.only", "");
    if (only.equals("soak")) {
      String section = BenchmarkReport.renderSoak(soak(), BenchmarkReport.SOAK_COMMAND);
      BenchmarkReport.writeSoak(report, section);
      System.out.println(section);
      return;
    }
    if (!only.isEmpty()) {
      throw new IllegalArgumentException("benchmark.only: only \"soak\" is known, not \"" + only + "\"");
    }
    RelayBenchmark.Result relay = RelayBenchmark.run(folder.resolve("relay"),
        new RelayBenchmark.Plan(20, 10, Duration.ofSeconds(5), Duration.ofSeconds(20), 0));
    SessionsBenchmark.ScaleResult scale =
        SessionsBenchmark.scale(folder.resolve("scale"), Integer.getInteger("benchmark.sessions", 20_000), 400, Duration.ofSeconds(20));
    SessionsBenchmark.RestartResult restart = SessionsBenchmark.restart(folder.resolve("restart"), 10_000, 150, 200); // 75 % of the server's limit: connections bunch up on a loaded machine
    SessionsBenchmark.SoakResult soak = soak();
    String notes = System.getProperty("benchmark.notes", "");
    String markdown = BenchmarkReport.render(relay, scale, restart, soak, notes);
    BenchmarkReport.write(report, markdown);
    System.out.println(markdown);
  }

  private SessionsBenchmark.SoakResult soak() throws Exception {
    return SessionsBenchmark.soak(folder.resolve("soak"), SOAK_USERS, SOAK_ROUNDS, SOAK_LOGIN_RATE, true);
  }
}
