package net.icqtransport.distribution.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark with tiny numbers, so CI keeps it working. Judges no timing: only that every message came
 * back, in order, through both XMPP servers and every shape, that every session logged in, that a restart against
 * a login limit the transport is not told logs everyone in again, and that every soak round logged all users in
 * and all out again.
 */
class PerformanceBenchmarkSmokeTest {
  @TempDir Path folder;

  @Test
  void relayThroughProsodyEveryMessageComesBackInOrderInEveryShape() throws Exception {
    RelayBenchmark.Result result = RelayBenchmark.run(folder, RelayBenchmark.Server.PROSODY,
        new RelayBenchmark.Plan(2, 5, 20, Duration.ofMillis(500), Duration.ofSeconds(1), 2, 100, false));
    assertComplete(result);
    assertEquals(3, result.comparisons().size());
  }

  @Test
  void relayThroughEjabberdEveryMessageComesBackInOrder() throws Exception {
    RelayBenchmark.Result result = RelayBenchmark.run(folder, RelayBenchmark.Server.EJABBERD,
        new RelayBenchmark.Plan(2, 5, 0, Duration.ofMillis(500), Duration.ofSeconds(1), 1, -1, false));
    assertComplete(result);
  }

  private static void assertComplete(RelayBenchmark.Result result) {
    for (RelayComparison comparison : result.comparisons()) {
      for (RelayRound round : comparison.rounds()) {
        System.out.println(comparison.shape() + ": echo " + round.echo() + ", transport " + round.relay());
        assertTrue(round.echo().complete(), comparison.shape() + ", echo component: " + round.echo());
        assertTrue(round.relay().complete(), comparison.shape() + ", transport: " + round.relay());
        assertTrue(!round.transportCpu().isZero() && !round.transportCpu().isNegative(), "the transport's CPU time is read from its process");
      }
    }
  }

  @Test
  void sessionsEveryUserLogsInAndAfterARestartAllLogInAgainUnderALimitTheTransportIsNotTold() throws Exception {
    SessionsBenchmark.ScaleResult scale = SessionsBenchmark.scale(folder.resolve("scale"), 20, 50, Duration.ofMillis(200));
    assertEquals(20, scale.online());

    // 30 users, 10 logins per second per IP on the server, unknown to the transport, which starts at 8 per second.
    SessionsBenchmark.RestartResult restart = SessionsBenchmark.restart(folder.resolve("restart"), "fixed", 30, 8, 10,
        SessionsBenchmark.LimitSchedule.fixed(10));
    // How many logins the server refused is a timing figure (logins bunch up on a loaded machine): the benchmark
    // reports it; here only that a refusal costs no user the session (LoginPacerTest judges the pacer itself).
    assertEquals(30, restart.onlineAfterRestart(), restart.toString());
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
