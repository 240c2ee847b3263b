package net.icqtransport.distribution.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportConfigTest {

  @Test
  void theShippedExampleConfigIsValidAndMatchesTheDefaults(@TempDir Path dir) throws Exception {
    Path example = Path.of("src/main/dist/conf/icq-transport.conf");
    TransportConfig config = TransportConfig.load(example);
    assertEquals("127.0.0.1", config.xmppHost());
    assertEquals(5347, config.xmppPort());
    assertEquals("icq.localhost", config.componentDomain());
    assertEquals(5190, config.oscarLoginPort());
    assertEquals("md5", config.oscarLoginMethod());
    assertEquals("windows-1252", config.legacyCodepage().name());
    assertEquals(Path.of("data/registrations"), config.databaseFile());
    assertEquals(10.0, config.oscarLoginRate());
  }

  @Test
  void theLoginRateMustBePositive() {
    ConfigurationException zero = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.login-rate = 0 }")));
    assertTrue(zero.getMessage().contains("icq-transport.oscar.login-rate"), zero.getMessage());
    assertEquals(250.0, TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, oscar.login-rate = 250 }")).oscarLoginRate());
  }

  @Test
  void aMissingSecretIsRefusedNamingTheKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TransportConfig.from(ConfigFactory.parseString("icq-transport.xmpp.domain = \"icq.example.org\"")));
    assertTrue(e.getMessage().contains("icq-transport.xmpp.secret"), e.getMessage());
  }

  @Test
  void aWrongTypeOrValueIsRefusedNamingTheKey() {
    ConfigurationException port = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, xmpp.port = \"many\" }")));
    assertTrue(port.getMessage().contains("xmpp.port"), port.getMessage());

    ConfigurationException method = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.login-method = plain }")));
    assertTrue(method.getMessage().contains("login-method"), method.getMessage());

    ConfigurationException charset = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.legacy-codepage = klingon }")));
    assertTrue(charset.getMessage().contains("legacy-codepage"), charset.getMessage());
  }

  @Test
  void everyProblemIsNamedAtOnceWithAHintForTypos() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp { hots = x, port = many }, oscar.login-method = plain }\n"
            + "icq-transprot.foo = 1")));
    String message = e.getMessage();
    assertTrue(message.contains("icq-transport.xmpp.hots: unknown key (did you mean icq-transport.xmpp.host?)"), message);
    assertTrue(message.contains("icq-transport.xmpp.port"), message);
    assertTrue(message.contains("icq-transport.xmpp.secret: must be set"), message);
    assertTrue(message.contains("icq-transport.oscar.login-method"), message);
    assertTrue(message.contains("icq-transprot: unknown key"), message);
    assertEquals(5, message.lines().count(), message);
  }

  @Test
  void toStringNeverShowsSecrets(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.conf");
    Files.writeString(file, "icq-transport { xmpp.secret = \"component-secret-xyz\", "
        + "database { url = \"jdbc:h2:mem:x\", password = \"db-password-xyz\" } }", StandardCharsets.UTF_8);
    String text = TransportConfig.load(file).toString();
    assertFalse(text.contains("component-secret-xyz"), text);
    assertFalse(text.contains("db-password-xyz"), text);
  }

  @Test
  void anUnreadableFileIsAClearError(@TempDir Path dir) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TransportConfig.load(dir.resolve("missing.conf")));
    assertTrue(e.getMessage().contains("missing.conf"), e.getMessage());
  }
}
