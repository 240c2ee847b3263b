package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OscarSimulatorMainTest {
  @Test
  void parsesEveryOption() throws Exception {
    OscarSimulator.Builder builder = OscarSimulatorMain.parse(new String[] {
        "--host", "127.0.0.1", "--port", "0", "--bos-port", "0",
        "--account", "111111:pa:ss", "--account", "222222:x",
        "--contact", "111111:222222:Bob:Friends", "--contact", "222222:111111", "--echo-bot", "999999"});
    try (OscarSimulator simulator = builder.start()) {
      assertTrue(simulator.isOnline("999999"));
      assertTrue(TestLogins.md5Login(simulator.loginAddress(), "111111", "pa:ss", false).contains(0x06),
          "the password keeps everything after the first colon");
      try (TestFlapClient bob = TestLogins.signOn(simulator, "222222", "x")) {
        bob.send(0x13, 0x04);
        byte[] list = bob.awaitSnac(0x13, 0x06).data();
        assertTrue(HexFormat.of().formatHex(list).contains(HexFormat.of().formatHex("111111".getBytes())));
      }
    }
  }

  @Test
  void defaultsToPort5190AndRejectsBadInput() {
    assertNull(OscarSimulatorMain.parse(new String[] {"--help"}));
    assertEquals(5190, OscarSimulatorMain.DEFAULT_LOGIN_PORT);
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--port"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--port", "x"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--port", "70000"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--account", "nopw"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--contact", "1"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--frobnicate", "1"}));
  }

  @Test
  void parsesTheFeatureOptions() throws Exception {
    OscarSimulator.Builder builder = OscarSimulatorMain.parse(new String[] {
        "--port", "0", "--bart-port", "0", "--account", "111111:pw", "--require-auth", "111111",
        "--rate-limits", "strict", "--login-rate-limit", "1/600", "--login-rate-limit-ip", "5/60"});
    try (OscarSimulator simulator = builder.start()) {
      assertTrue(simulator.bartAddress().getPort() > 0);
      assertTrue(TestLogins.md5Login(simulator.loginAddress(), "111111", "pw", false).contains(0x06));
      assertEquals(0x18, TestLogins.md5Login(simulator.loginAddress(), "111111", "pw", false).u16(0x08).orElseThrow());
    }
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--rate-limits", "maybe"}));
    assertThrows(IllegalArgumentException.class, () -> OscarSimulatorMain.parse(new String[] {"--login-rate-limit", "3"}));
  }

  @Test
  void parsesTheRealServerBehaviourOptions() throws Exception {
    OscarSimulator.Builder builder = OscarSimulatorMain.parse(new String[] {
        "--port", "0", "--split-flap-start", "--account", "111111:pw", "--login-lockout", "1:600:600"});
    try (OscarSimulator simulator = builder.start()) {
      assertTrue(TestLogins.md5Login(simulator.loginAddress(), "111111", "pw", false).contains(0x06));
      assertEquals(0x1D, TestLogins.md5Login(simulator.loginAddress(), "111111", "pw", false).u16(0x08).orElseThrow());
      assertTrue(simulator.lockedOutUntil("111111").isPresent());
    }
    for (String bad : new String[] {"3", "3:20", "3:20:x", "0:20:60", "3:20:60:1"}) {
      assertThrows(IllegalArgumentException.class,
          () -> OscarSimulatorMain.parse(new String[] {"--login-lockout", bad}), bad);
    }
  }
}
