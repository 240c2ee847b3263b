package net.icqtransport.distribution.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @Test
  void theSoakRunAloneReplacesOnlyItsSectionAndPutsItBeforeTheFindingsTheFirstTime() throws Exception {
    Path report = folder.resolve("benchmarks.md");
    String findings = BenchmarkReport.FINDINGS_HEADING + "\n\n- written by hand\n";
    Files.writeString(report, "# Benchmarks\n\nfigures\n\n## Restart\n\nrestart\n\n" + findings,
        StandardCharsets.UTF_8);

    BenchmarkReport.writeSoak(report, BenchmarkReport.SOAK_HEADING + "\n\nfirst soak\n");
    assertEquals("# Benchmarks\n\nfigures\n\n## Restart\n\nrestart\n\n" + BenchmarkReport.SOAK_HEADING
        + "\n\nfirst soak\n\n" + findings, Files.readString(report, StandardCharsets.UTF_8));

    BenchmarkReport.writeSoak(report, BenchmarkReport.SOAK_HEADING + "\n\nsecond soak\n");
    assertEquals("# Benchmarks\n\nfigures\n\n## Restart\n\nrestart\n\n" + BenchmarkReport.SOAK_HEADING
        + "\n\nsecond soak\n\n" + findings, Files.readString(report, StandardCharsets.UTF_8));
  }

  @Test
  void theSoakVerdictIsComputedFromTheHeapOfTheSecondRoundToTheLast() {
    SessionsBenchmark.SoakResult flat = soak(40.0, 30.0, 30.5, 30.2);
    assertTrue(BenchmarkReport.soakVerdict(flat).startsWith("**Verdict: flat** — heap after GC +0.2 MiB from round 2 "
        + "to round 4 (+105 bytes per login over 2000 logins;"), BenchmarkReport.soakVerdict(flat));

    SessionsBenchmark.SoakResult leak = soak(40.0, 50.0, 60.0, 70.0);
    assertTrue(BenchmarkReport.soakVerdict(leak).startsWith("**Verdict: grows** — heap after GC +20.0 MiB from round "
        + "2 to round 4 (+10486 bytes per login over 2000 logins;"), BenchmarkReport.soakVerdict(leak));
  }

  private static SessionsBenchmark.SoakResult soak(double... heapMib) {
    List<SessionsBenchmark.SoakRound> rounds = new java.util.ArrayList<>();
    for (int i = 0; i < heapMib.length; i++) {
      rounds.add(new SessionsBenchmark.SoakRound(i + 1, heapMib[i], 1000, 0, 0, 3.0));
    }
    return new SessionsBenchmark.SoakResult(1000, 400, 20.0, rounds);
  }
}
