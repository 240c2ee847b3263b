package net.icqtransport.distribution.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new benchmark run replaces the figures of docs/benchmarks.md and keeps its hand-written findings. */
class BenchmarkReportTest {
  @TempDir Path folder;

  @Test
  void aNewRunReplacesTheFiguresAndKeepsTheFindings() throws Exception {
    Path report = folder.resolve("benchmarks.md");
    BenchmarkReport.write(report, "# Benchmarks\n\nold figures\n");
    assertEquals("# Benchmarks\n\nold figures\n", Files.readString(report, StandardCharsets.UTF_8));

    Files.writeString(report, "# Benchmarks\n\nold figures\n\n" + BenchmarkReport.FINDINGS_HEADING
        + "\n\n- written by hand\n", StandardCharsets.UTF_8);
    BenchmarkReport.write(report, "# Benchmarks\n\nnew figures\n\n");

    assertEquals("# Benchmarks\n\nnew figures\n\n" + BenchmarkReport.FINDINGS_HEADING + "\n\n- written by hand\n",
        Files.readString(report, StandardCharsets.UTF_8));
  }
}
