package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * The login lockout of real servers (OSCAR-SERVERS.md, "Rate limits on login") on a clock the test moves: after
 * {@code count} logins within the window every attempt, by either login method, gets 0x001D until the lockout has
 * passed since the last refused one.
 */
class LoginLockoutFlowTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";
  private static final Duration WINDOW = Duration.ofSeconds(20);
  private static final Duration LOCKOUT = Duration.ofSeconds(60);

  @Test
  void lockoutRefusesWith0x1DAndEveryEarlyRetryExtendsIt() throws Exception {
    ManualClock clock = new ManualClock();
    try (OscarSimulator simulator = lockoutSimulator(clock)) {
      for (int i = 0; i < 3; i++) {
        TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
        clock.advance(Duration.ofSeconds(1));
      }
      assertEquals(Optional.empty(), simulator.lockedOutUntil(ALICE));

      assertRefused(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      assertEquals(Optional.of(clock.instant().plus(LOCKOUT)), simulator.lockedOutUntil(ALICE));

      clock.advance(LOCKOUT.minusSeconds(1));
      assertRefused(TestLogins.legacyLogin(simulator.loginAddress(), ALICE, "alicepw"));
      Instant extended = clock.instant().plus(LOCKOUT);
      assertEquals(Optional.of(extended), simulator.lockedOutUntil(ALICE), "the retry extended the lockout");

      clock.advance(LOCKOUT.minusSeconds(1));
      assertRefused(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      assertEquals(3, simulator.refusedLogins(ALICE));

      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), BOB, "bobpw", false));
      assertEquals(0, simulator.refusedLogins(BOB), "other accounts are not locked out");

      clock.advance(LOCKOUT);
      assertEquals(Optional.empty(), simulator.lockedOutUntil(ALICE));
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      assertEquals(3, simulator.refusedLogins(ALICE));
      assertEquals(7, simulator.loginAttempts(ALICE));
    }
  }

  @Test
  void loginsSpreadBeyondTheWindowGetIn() throws Exception {
    ManualClock clock = new ManualClock();
    try (OscarSimulator simulator = lockoutSimulator(clock)) {
      for (int i = 0; i < 6; i++) {
        TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
        clock.advance(WINDOW.dividedBy(2));
      }
      assertEquals(0, simulator.refusedLogins(ALICE));
    }
  }

  @Test
  void wrongPasswordsCountAndTheLockoutRefusesTheRightOne() throws Exception {
    ManualClock clock = new ManualClock();
    try (OscarSimulator simulator = lockoutSimulator(clock)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(0x0005, TestLogins.md5Login(simulator.loginAddress(), ALICE, "wrong", false).u16(0x08)
            .orElseThrow());
      }
      assertRefused(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      assertTrue(simulator.lockedOutUntil(ALICE).isPresent());
    }
  }

  @Test
  void offByDefault() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").start()) {
      for (int i = 0; i < 10; i++) {
        TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      }
      assertEquals(0, simulator.refusedLogins(ALICE));
      assertEquals(Optional.empty(), simulator.lockedOutUntil(ALICE));
    }
  }

  @Test
  void builderRefusesNonsense() {
    OscarSimulator.Builder builder = OscarSimulator.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.loginLockout(0, WINDOW, LOCKOUT));
    assertThrows(IllegalArgumentException.class, () -> builder.loginLockout(3, Duration.ZERO, LOCKOUT));
    assertThrows(IllegalArgumentException.class, () -> builder.loginLockout(3, WINDOW, Duration.ofSeconds(-1)));
  }

  private static OscarSimulator lockoutSimulator(ManualClock clock) {
    return OscarSimulator.builder().account(ALICE, "alicepw").account(BOB, "bobpw")
        .loginLockout(3, WINDOW, LOCKOUT).clock(clock).cookieLifetime(Duration.ofDays(1)).start();
  }

  private static void assertRefused(TlvChain reply) {
    assertEquals(0x001D, reply.u16(0x08).orElseThrow(), "rate limit exceeded, try again in a few minutes");
    assertFalse(reply.contains(0x06), "no cookie");
  }
}
