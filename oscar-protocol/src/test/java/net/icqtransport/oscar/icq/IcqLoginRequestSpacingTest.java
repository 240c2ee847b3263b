package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.oscar.client.LoginMethod;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #20: logins started together (slots a busy machine delivered late, all at once) reach the authorizer one
 * interval apart, at the rate the network is told, so a server that counts logins per address within a second
 * refuses none of them; both login methods (the MD5 17/02 and the roasted channel-1 login).
 */
class IcqLoginRequestSpacingTest extends IcqSimulatorTestBase {
  private static final int USERS = 24;
  private static final double RATE = 6;

  private static String uin(int i) {
    return String.valueOf(400_000 + i);
  }

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    for (int i = 0; i < USERS; i++) {
      builder.account(uin(i), "pw-" + i);
    }
    return builder.loginRateLimitPerIp(10, Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @EnumSource(LoginMethod.class)
  void loginsStartedTogetherReachTheServerAtTheRateAndNoneIsRefused(LoginMethod method) throws Exception {
    IcqNetwork network = new IcqNetwork(settings().withLoginMethod(method), group).spaceLoginRequests(() -> RATE, 1);
    List<CompletableFuture<LegacySession>> logins = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < USERS; i++) {
      logins.add(network.open(new LegacyCredentials(id(uin(i)), "pw-" + i), new RecordingListener()));
    }
    for (CompletableFuture<LegacySession> login : logins) {
      login.get(30, TimeUnit.SECONDS).close(); // a refused login fails this with "rate limit exceeded"
    }
    double seconds = (System.nanoTime() - start) / 1e9;

    int refused = 0;
    for (int i = 0; i < USERS; i++) {
      refused += icq.refusedLogins(uin(i));
    }
    assertEquals(0, refused, "logins refused for the server's limit of 10 per second");
    assertTrue(seconds >= (USERS - 1) / RATE - 0.1, "spaced at " + RATE + " per second: took " + seconds + " s");
  }

  /**
   * The pacer's burst (a survivor taking over a stopped instance's users, docs/scaling.md) leaves at once: the
   * spacing is no stricter than the pacer that let those logins start together.
   */
  @ParameterizedTest
  @EnumSource(LoginMethod.class)
  void aBurstThePacerAllowsLeavesAtOnce(LoginMethod method) throws Exception {
    IcqNetwork network = new IcqNetwork(settings().withLoginMethod(method), group).spaceLoginRequests(() -> 1, 8);
    List<CompletableFuture<LegacySession>> logins = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      logins.add(network.open(new LegacyCredentials(id(uin(i)), "pw-" + i), new RecordingListener()));
    }
    for (CompletableFuture<LegacySession> login : logins) {
      login.get(30, TimeUnit.SECONDS).close();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 5, "a burst of 8 at one login per second took " + seconds + " s");
  }
}
