package net.icqtransport.distribution.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.core.testing.TestCertificateAuthority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS keys of both links and the plaintext rule for the component link. */
class TransportConfigTlsTest {

  private static TransportConfig config(String hocon) {
    return TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s\n" + hocon + "\n}"));
  }

  @Test
  void plaintextToALoopbackServerNeedsNothing() {
    for (String host : new String[] {"127.0.0.1", "127.8.9.10", "localhost", "::1", "[::1]"}) {
      TransportConfig config = config("xmpp.host = \"" + host + "\"");
      assertFalse(config.xmppTls().enabled());
      assertFalse(config.xmppPlaintextOffLoopback(), host);
    }
  }

  @Test
  void plaintextAcrossTheNetworkIsRefusedUnlessAllowed() {
    ConfigurationException refused = assertThrows(ConfigurationException.class,
        () -> config("xmpp.host = \"xmpp.example.org\""));
    assertTrue(refused.getMessage().contains("icq-transport.xmpp.allow-plaintext"), refused.getMessage());
    assertTrue(refused.getMessage().contains("xmpp.tls.enabled = true"), refused.getMessage());
    // A name that merely starts like a loopback address is not one.
    assertThrows(ConfigurationException.class, () -> config("xmpp.host = \"127.0.0.1.example.org\""));

    TransportConfig allowed = config("xmpp { host = \"192.0.2.7\", allow-plaintext = true }");
    assertTrue(allowed.xmppPlaintextOffLoopback());

    TransportConfig tls = config("xmpp { host = \"xmpp.example.org\", tls.enabled = true }");
    assertTrue(tls.xmppTls().enabled());
    assertEquals(Optional.empty(), tls.xmppTls().caFile());
    assertFalse(tls.xmppPlaintextOffLoopback());
  }

  @Test
  void caFilesAreLoadedWhenTheConfigurationIsRead(@TempDir Path dir) throws Exception {
    Path ca = TestCertificateAuthority.create("Config test CA").writeCertificate(dir.resolve("ca.pem"));
    TransportConfig config = config("xmpp.tls { enabled = true, ca-file = \"" + ca + "\" }\n"
        + "oscar.tls { enabled = true, ca-file = \"" + ca + "\" }");
    assertEquals(Optional.of(ca), config.xmppTls().caFile());
    assertEquals(Optional.of(ca), config.oscarTls().caFile());

    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    ConfigurationException refused = assertThrows(ConfigurationException.class, () -> config(
        "oscar.tls { enabled = true, ca-file = \"" + garbage + "\" }\n"
            + "xmpp.tls { enabled = true, ca-file = \"" + dir.resolve("missing.pem") + "\" }"));
    assertTrue(refused.getMessage().contains("icq-transport.oscar.tls.ca-file: cannot load"), refused.getMessage());
    assertTrue(refused.getMessage().contains("icq-transport.xmpp.tls.ca-file: cannot load"), refused.getMessage());
  }

  @Test
  void environmentVariablesSwitchTlsOn() {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString("icq-transport.xmpp.secret = s"),
        Map.of(EnvironmentOverrides.variableFor("oscar.tls.enabled"), "true",
            EnvironmentOverrides.variableFor("xmpp.tls.enabled"), "true"));
    assertEquals("ICQ_TRANSPORT_OSCAR_TLS_ENABLED", EnvironmentOverrides.variableFor("oscar.tls.enabled"));
    assertTrue(config.oscarTls().enabled());
    assertTrue(config.xmppTls().enabled());
  }
}
