package net.icqtransport.distribution.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full benchmark (about 10 minutes on 2 cores), run only by the {@code benchmark} Maven profile through
 * {@code distribution/src/benchmark/run}; writes docs/benchmarks.md. Asserts nothing about the figures: the
 * report says which targets are met.
 */
class PerformanceBenchmark {
  @TempDir Path folder;

  @Test
  void measureAndWriteTheReport() throws Exception {
    RelayBenchmark.Result relay = RelayBenchmark.run(folder.resolve("relay"),
        new RelayBenchmark.Plan(20, 10, Duration.ofSeconds(5), Duration.ofSeconds(20), 0));
    SessionsBenchmark.ScaleResult scale =
        SessionsBenchmark.scale(folder.resolve("scale"), Integer.getInteger("benchmark.sessions", 20_000), 400, Duration.ofSeconds(20));
    SessionsBenchmark.RestartResult restart = SessionsBenchmark.restart(folder.resolve("restart"), 10_000, 150, 200); // 75 % of the server's limit: connections bunch up on a loaded machine
    String notes = System.getProperty("benchmark.notes", "");
    Path report = Path.of(System.getProperty("benchmark.report", "target/benchmarks.md"));
    String markdown = BenchmarkReport.render(relay, scale, restart, notes);
    BenchmarkReport.write(report, markdown);
    System.out.println(markdown);
  }
}
