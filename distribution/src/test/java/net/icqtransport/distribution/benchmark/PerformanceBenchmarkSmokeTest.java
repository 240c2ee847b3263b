package net.icqtransport.distribution.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark with tiny numbers, so CI keeps it working. Judges no timing: only that every message came
 * back, in order, that every session logged in without a refused login, and that every soak round logged all
 * users in and all out again.
 */
class PerformanceBenchmarkSmokeTest {
  @TempDir Path folder;

  @Test
  void relayEveryMessageComesBackInOrderThroughTheEchoComponentAndTheTransport() throws Exception {
    RelayBenchmark.Result result = RelayBenchmark.run(folder,
        new RelayBenchmark.Plan(2, 5, Duration.ofMillis(500), Duration.ofSeconds(1), 100));
    List<String> names = List.of("echo, highest rate", "relay, highest rate", "echo, fixed load", "relay, fixed load");
    for (int i = 0; i < names.size(); i++) {
      System.out.println(names.get(i) + ": " + result.outcomes().get(i));
    }
    for (int i = 0; i < names.size(); i++) {
      ChatLoad.Outcome outcome = result.outcomes().get(i);
      assertTrue(outcome.complete(), names.get(i) + ": " + outcome);
    }
  }

  @Test
  void sessionsEveryUserLogsInAndAfterARestartAllLogInAgainWithinTheServersLoginLimit() throws Exception {
    SessionsBenchmark.ScaleResult scale = SessionsBenchmark.scale(folder.resolve("scale"), 20, 50, Duration.ofMillis(200));
    assertEquals(20, scale.online());

    // 30 users, 10 logins per second per IP on the server, the transport paced at 8 per second.
    SessionsBenchmark.RestartResult restart = SessionsBenchmark.restart(folder.resolve("restart"), 30, 8, 10);
    assertEquals(30, restart.onlineAfterRestart());
    assertEquals(0, restart.failedLogins(), "no login refused by the server's rate limit");
  }

  @Test
  void soakEveryRoundAllUsersLogInThroughTheirPresencesAndAllSessionsEndWhenTheyGoUnavailable() throws Exception {
    // The heap figures belong to the benchmark: here only that each round logs everyone in and out.
    SessionsBenchmark.SoakResult soak = SessionsBenchmark.soak(folder.resolve("soak"), 50, 3, 100, false);
    assertEquals(3, soak.rounds().size());
    for (SessionsBenchmark.SoakRound round : soak.rounds()) {
      assertEquals(50, round.onlineAtPeak(), "round " + round.round() + ": sessions at the simulator at peak");
      assertEquals(0, round.leftAfterLogout(), "round " + round.round() + ": sessions left at the simulator");
      assertEquals(0, round.bridgesLeftAfterLogout(), "round " + round.round() + ": bridges left in the transport");
    }
  }
}
