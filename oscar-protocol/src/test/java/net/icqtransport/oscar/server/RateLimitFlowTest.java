package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * Enforced rate classes (reference rate_limits, snac_01_0a) with the strict preset on a clock the test moves,
 * and the login rate limits (reference auth_failed).
 */
class RateLimitFlowTest {
  private static final String ALICE = "111111";
  private static final String BOT = "999999";

  /**
   * Class 3 of the reference (04/06): window 20, alert 5000, limit 4000, start 4423, last time 23768 ms ago.
   * With no time passing: message 1 lifts the level to 5390, 2 → 5120, 3 → 4864 (warning), 4-6 pass, 7 → 3970
   * (limited, dropped) and on; after a minute's pause the next message clears the class and passes.
   */
  @Test
  void burstGetsWarningThenLimitedWithDroppedSnacsThenClear() throws Exception {
    ManualClock clock = new ManualClock();
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").echoBot(BOT)
        .strictRateLimits().clock(clock).cookieLifetime(Duration.ofDays(1)).start();
        TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      for (int i = 0; i < 9; i++) {
        sendTo(alice, BOT);
      }
      // Collects everything that arrives into skipped(): no SNAC 0x7F/0x7F ever comes.
      assertTrue(alice.noSnacWithin(Duration.ofMillis(500), 0x7F, 0x7F));
      List<Integer> codes = new ArrayList<>();
      for (Snac snac : alice.skipped()) {
        if (snac.family() == 0x01 && snac.subtype() == 0x0A) {
          codes.add(snac.dataBuffer().readUnsignedShort());
        }
      }
      int echoes = countAndDrop(alice);
      alice.skipped().clear();
      assertEquals(List.of(2, 3), codes, "warning, then limited");
      assertEquals(6, echoes, "SNACs past the limit are dropped");

      clock.advance(Duration.ofMinutes(1));
      sendTo(alice, BOT);
      Snac clear = alice.awaitSnac(0x01, 0x0A);
      assertEquals(4, clear.dataBuffer().readUnsignedShort());
      alice.awaitSnac(0x04, 0x07);
    }
  }

  @Test
  void levelBelowDisconnectClosesTheConnection() throws Exception {
    ManualClock clock = new ManualClock();
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").echoBot(BOT)
        .strictRateLimits().clock(clock).cookieLifetime(Duration.ofDays(1)).start();
        TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      for (int i = 0; i < 20 && alice.isOpen(); i++) {
        try {
          sendTo(alice, BOT);
        } catch (Exception closedWhileSending) { // Netty rethrows the write's IOException undeclared
          break; // the server closed the connection between isOpen() and the write: what this test expects
        }
      }
      alice.awaitClosed();
    }
  }

  @Test
  void defaultClassesLetABurstThrough() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").echoBot(BOT).start();
        TestFlapClient alice = TestLogins.signOn(simulator, ALICE, "alicepw")) {
      for (int i = 0; i < 200; i++) {
        sendTo(alice, BOT);
      }
      for (int i = 0; i < 200; i++) {
        alice.awaitSnac(0x04, 0x07);
      }
      assertTrue(alice.skipped().stream().noneMatch(s -> s.family() == 1 && s.subtype() == 0x0A));
    }
  }

  @Test
  void loginRateLimitPerUinRefusesTheNextLoginWith0x18() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw")
        .loginRateLimit(3, Duration.ofMinutes(10)).start()) {
      for (int i = 0; i < 3; i++) {
        TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      }
      TlvChain refused = TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false);
      assertEquals(0x0018, refused.u16(0x08).orElseThrow());
      assertTrue(!refused.contains(0x06));
      TlvChain legacy = TestLogins.legacyLogin(simulator.loginAddress(), ALICE, "alicepw");
      assertEquals(0x0018, legacy.u16(0x08).orElseThrow());
    }
  }

  @Test
  void loginRateLimitPerIpRefusesWith0x1D() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").account("222222", "b")
        .loginRateLimitPerIp(1, Duration.ofMinutes(10)).start()) {
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      TlvChain refused = TestLogins.md5Login(simulator.loginAddress(), "222222", "b", false);
      assertEquals(0x001D, refused.u16(0x08).orElseThrow());
    }
  }

  /**
   * The per-IP limit changes while the server runs (a benchmark's server whose limit the transport does not know):
   * lowered, the logins admitted so far count against the new limit at once; raised, the next one is admitted.
   */
  @Test
  void loginRateLimitPerIpChangesWhileTheServerRuns() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").account("222222", "b")
        .account("333333", "c").loginRateLimitPerIp(3, Duration.ofMinutes(10)).start()) {
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), "222222", "b", false));

      simulator.loginRateLimitPerIp(2, Duration.ofMinutes(10));
      TlvChain refused = TestLogins.md5Login(simulator.loginAddress(), "333333", "c", false);
      assertEquals(0x001D, refused.u16(0x08).orElseThrow(), "two admitted: the new limit is reached");

      simulator.loginRateLimitPerIp(3, Duration.ofMinutes(10));
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), "333333", "c", false));
      assertEquals(1, simulator.refusedLogins("333333"));
    }
  }

  /** A server started without a per-IP limit gets one while it runs. */
  @Test
  void aLoginRateLimitPerIpCanBeSetWhileTheServerRuns() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").account("222222", "b")
        .start()) {
      simulator.loginRateLimitPerIp(1, Duration.ofMinutes(10));
      TestLogins.cookie(TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false));
      TlvChain refused = TestLogins.md5Login(simulator.loginAddress(), "222222", "b", false);
      assertEquals(0x001D, refused.u16(0x08).orElseThrow());
    }
  }

  private static int countAndDrop(TestFlapClient client) {
    int count = 0;
    for (var it = client.skipped().iterator(); it.hasNext(); ) {
      Snac snac = it.next();
      if (snac.family() == 0x04 && snac.subtype() == 0x07) {
        count++;
        it.remove();
      }
    }
    return count;
  }

  private static void sendTo(TestFlapClient from, String to) {
    from.send(0x04, 0x06, out -> {
      out.writeLong(System.nanoTime());
      out.writeShort(1);
      out.writeByte(to.length());
      out.writeBytes(to.getBytes(StandardCharsets.US_ASCII));
      Tlv.ofBytes(0x02, java.util.HexFormat.of().parseHex("0501000101" + "01010006" + "00000000" + "6869")).writeTo(out);
    });
  }
}
