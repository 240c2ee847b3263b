package net.icqtransport.oscar.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link OscarSimulator#advertiseBosHost}: login replies that redirect to a host that never resolves. */
class AdvertisedBosHostFlowTest {
  private static final String ALICE = "111111";

  @Test
  void bothLoginMethodsRedirectToTheAdvertisedHost() throws Exception {
    try (OscarSimulator simulator = OscarSimulator.builder().account(ALICE, "alicepw").start()) {
      int port = simulator.bosAddress().getPort();
      simulator.advertiseBosHost("bos.invalid");
      assertEquals("bos.invalid:" + port,
          TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false).ascii(0x05).orElseThrow());
      assertEquals("bos.invalid:" + port,
          TestLogins.legacyLogin(simulator.loginAddress(), ALICE, "alicepw").ascii(0x05).orElseThrow());
      simulator.advertiseBosPort(1234);
      assertEquals("bos.invalid:1234",
          TestLogins.md5Login(simulator.loginAddress(), ALICE, "alicepw", false).ascii(0x05).orElseThrow());
    }
  }

  @Test
  void refusesAHostWithAPort() {
    try (OscarSimulator simulator = OscarSimulator.builder().start()) {
      assertThrows(IllegalArgumentException.class, () -> simulator.advertiseBosHost("bos.invalid:5190"));
      assertThrows(IllegalArgumentException.class, () -> simulator.advertiseBosHost(" "));
    }
  }
}
