package net.icqtransport.distribution.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.icqtransport.xmpp.disco.TransportPresentation;
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
    assertEquals(TransportPresentation.ICQ, config.presentation());
  }

  @Test
  void theTransportIsPresentedAsIcqUnlessConfiguredAsAim() {
    assertEquals(TransportPresentation.ICQ,
        TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }")).presentation());
    TransportConfig aim = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, xmpp.presentation = AIM }"));
    assertEquals(TransportPresentation.AIM, aim.presentation());
    assertTrue(aim.summary().get(0).endsWith(", presented as AIM Transport (gateway/aim)"), aim.summary().get(0));
    assertFalse(TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }")).summary().get(0)
        .contains("presented"));
    assertEquals(TransportPresentation.AIM, TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s }"), java.util.Map.of("ICQ_TRANSPORT_XMPP_PRESENTATION", "aim")).presentation());
    ConfigurationException msn = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, xmpp.presentation = msn }")));
    assertTrue(msn.getMessage().contains("icq-transport.xmpp.presentation: must be \"icq\" or \"aim\", not \"msn\""),
        msn.getMessage());
  }

  @Test
  void theLoginBurstIsOneByDefaultAndAtLeastOne() {
    assertEquals(1, TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }")).oscarLoginBurst());
    ConfigurationException zero = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.login-burst = 0 }")));
    assertTrue(zero.getMessage().contains("icq-transport.oscar.login-burst"), zero.getMessage());
  }

  @Test
  void theEventLoopsAreHalfTheProcessorsByDefaultOrAsGiven() {
    TransportConfig defaults = TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }"));
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), defaults.eventLoops());
    TransportConfig three = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, oscar.event-loops = 3 }"));
    assertEquals(3, three.eventLoops());
    assertTrue(three.summary().stream().anyMatch(line -> line.endsWith("; 3 event loops")), three.summary().toString());
    ConfigurationException negative = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.event-loops = -1 }")));
    assertTrue(negative.getMessage().contains("icq-transport.oscar.event-loops: must be 0"), negative.getMessage());
  }

  @Test
  void aBusyStreamIsReadOncePerMillisecondByDefaultOrAsGivenUpTo50Ms() {
    TransportConfig defaults = TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }"));
    assertEquals(Duration.ofMillis(1), defaults.xmppReadCoalescing());
    TransportConfig off = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, xmpp.read-coalescing = 0 }"));
    assertEquals(Duration.ZERO, off.xmppReadCoalescing());
    TransportConfig fifty = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, xmpp.read-coalescing = 50ms }"));
    assertEquals(Duration.ofMillis(50), fifty.xmppReadCoalescing());
    for (String refused : List.of("51ms", "-1ms")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
          ConfigFactory.parseString("icq-transport { xmpp.secret = s, xmpp.read-coalescing = " + refused + " }")));
      assertTrue(e.getMessage().contains("icq-transport.xmpp.read-coalescing: must be from 0 (off) to 50 ms"),
          e.getMessage());
    }
  }

  @Test
  void aDurationKeyWhoseValueIsNoDurationIsReportedByName() {
    for (String key : List.of("xmpp.read-coalescing", "oscar.rate-limited-wait", "database.connection-timeout")) {
      ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
          ConfigFactory.parseString("icq-transport { xmpp.secret = s, " + key + " = fast }")), key);
      assertTrue(e.getMessage().contains("icq-transport." + key + ": not a duration (e.g. 5s): \"fast\""),
          e.getMessage());
    }
  }

  @Test
  void theComponentStreamIsOnTheEventLoopsUnlessWhackIsAskedFor() {
    TransportConfig defaults = TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }"));
    assertEquals("netty", defaults.xmppConnector());
    assertTrue(defaults.summary().stream().noneMatch(line -> line.contains("Whack")), defaults.summary().toString());
    TransportConfig whack = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, xmpp.connector = whack }"));
    assertEquals("whack", whack.xmppConnector());
    assertTrue(whack.summary().stream().anyMatch(line -> line.contains(", through Whack (xmpp.connector)")),
        whack.summary().toString());
    ConfigurationException other = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, xmpp.connector = smack }")));
    assertTrue(other.getMessage().contains("icq-transport.xmpp.connector: must be \"netty\" or \"whack\", not \"smack\""),
        other.getMessage());
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
  void theLoginRateIncreaseIsTwoByDefaultAndMustBePositive() {
    assertEquals(2.0, TransportConfig.from(ConfigFactory.parseString("icq-transport { xmpp.secret = s }"))
        .oscarLoginRateIncrease());
    ConfigurationException zero = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp.secret = s, oscar.login-rate-increase = 0 }")));
    assertTrue(zero.getMessage().contains("icq-transport.oscar.login-rate-increase"), zero.getMessage());
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
        + "database { url = \"jdbc:h2:mem:x\", password = \"db-password-xyz\", key = \"" + KEY + "\" } }",
        StandardCharsets.UTF_8);
    String text = TransportConfig.load(file).toString();
    assertFalse(text.contains("component-secret-xyz"), text);
    assertFalse(text.contains(KEY), text);
    assertFalse(text.contains("db-password-xyz"), text);
  }

  @Test
  void anUnreadableFileIsAClearError(@TempDir Path dir) {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TransportConfig.load(dir.resolve("missing.conf")));
    assertTrue(e.getMessage().contains("missing.conf"), e.getMessage());
  }

  private static final String KEY = net.icqtransport.core.crypto.DatabaseKey.generate().toBase64();

  @Test
  void aDatabaseUrlNeedsAKeyAndAWrongKeyIsNamedWithoutQuotingIt() {
    ConfigurationException missing = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        com.typesafe.config.ConfigFactory.parseString("icq-transport { xmpp.secret = s, database.url = \"jdbc:h2:mem:x\" }")));
    assertTrue(missing.getMessage().contains("icq-transport.database.key: must be set"), missing.getMessage());

    ConfigurationException wrong = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        com.typesafe.config.ConfigFactory.parseString("icq-transport { xmpp.secret = s, database.key = \"c2hvcnQta2V5\" }")));
    assertTrue(wrong.getMessage().contains("icq-transport.database.key: a database key is 32 bytes"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("c2hvcnQta2V5"), wrong.getMessage());

    TransportConfig fromEnvironment = TransportConfig.from(
        com.typesafe.config.ConfigFactory.parseString("icq-transport { xmpp.secret = s, database.url = \"jdbc:h2:mem:x\" }"),
        java.util.Map.of("ICQ_TRANSPORT_DATABASE_KEY", KEY));
    assertEquals(KEY, fromEnvironment.databaseKey());
  }

  @Test
  void accessSettingsAndAdminsAreRead() {
    TransportConfig config = TransportConfig.from(com.typesafe.config.ConfigFactory.parseString(
        "icq-transport { xmpp.secret = s, access { admins = [\"Admin@Example.org\"], "
            + "registration-domains = [\"example.org\", \"example.net\"], messages-per-minute = 60, "
            + "message-burst = 5, registrations-per-hour = 3, max-message-bytes = 1000 } }"));
    assertEquals(java.util.Set.of("Admin@Example.org"), config.admins());
    assertEquals(new net.icqtransport.xmpp.access.AccessSettings(java.util.Set.of("example.org", "example.net"),
        60, 5, 3, 1000), config.access());

    TransportConfig defaults = TransportConfig.from(com.typesafe.config.ConfigFactory.parseString(
        "icq-transport { xmpp { secret = s, domain = \"icq.example.org\" } }"));
    assertEquals(net.icqtransport.xmpp.access.AccessSettings.DEFAULTS, defaults.access());
    assertEquals(java.util.Set.of("example.org"), defaults.access().allowedDomains("icq.example.org"));

    ConfigurationException bad = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        com.typesafe.config.ConfigFactory.parseString(
            "icq-transport { xmpp.secret = s, access { admins = [\"example.org\"], message-burst = 0 } }")));
    assertTrue(bad.getMessage().contains("icq-transport.access.admins: not a bare JID (user@domain): example.org"),
        bad.getMessage());
  }

  /**
   * Issue 19, item 5: list settings from environment variables, comma separated (or as a HOCON/JSON list); an
   * empty variable is the empty list. Before, every variable was text: "expecting: list but got: string".
   */
  @Test
  void listSettingsComeFromEnvironmentVariablesCommaSeparated() {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString("icq-transport.xmpp.secret = s"),
        java.util.Map.of("ICQ_TRANSPORT_ACCESS_ADMINS", "admin@example.org, root@example.net",
            "ICQ_TRANSPORT_ACCESS_REGISTRATION_DOMAINS", "example.org,example.net,"));
    assertEquals(java.util.Set.of("admin@example.org", "root@example.net"), config.admins());
    assertEquals(java.util.Set.of("example.org", "example.net"), config.access().registrationDomains());

    TransportConfig json = TransportConfig.from(ConfigFactory.parseString(
            "icq-transport { xmpp.secret = s, access.admins = [\"file@example.org\"] }"),
        java.util.Map.of("ICQ_TRANSPORT_ACCESS_ADMINS", "[\"admin@example.org\"]"));
    assertEquals(java.util.Set.of("admin@example.org"), json.admins());

    TransportConfig emptied = TransportConfig.from(ConfigFactory.parseString(
            "icq-transport { xmpp.secret = s, access.admins = [\"file@example.org\"] }"),
        java.util.Map.of("ICQ_TRANSPORT_ACCESS_ADMINS", ""));
    assertEquals(java.util.Set.of(), emptied.admins());
  }

  /** A wrong value from an environment variable names the variable, as one from the file names its line. */
  @Test
  void aProblemSaysWhereItsKeyWasSet() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport {\n  xmpp.secret = s\n  oscar.login-port = 0\n}"),
        java.util.Map.of("ICQ_TRANSPORT_ACCESS_ADMINS", "not-a-jid, admin@example.org")));
    assertEquals(java.util.List.of(
        "icq-transport.access.admins: not a bare JID (user@domain): not-a-jid (from environment variable "
            + "ICQ_TRANSPORT_ACCESS_ADMINS)",
        "line 3: icq-transport.oscar.login-port: not a port number: 0"),
        e.getMessage().lines().sorted().toList());
  }

  /** Issue 19, item 8: an empty host cannot work and is refused at once, not at the first login. */
  @Test
  void emptyHostsAreRefused() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp { secret = s, host = \" \" }, oscar.login-host = \"\" }")));
    assertTrue(e.getMessage().contains("icq-transport.xmpp.host: must not be empty"), e.getMessage());
    assertTrue(e.getMessage().contains("icq-transport.oscar.login-host: must not be empty"), e.getMessage());
  }

  /** The database tools read the configuration without the component secret, which they do not need. */
  @Test
  void theDatabaseToolsDoNotNeedTheComponentSecret(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("admin.conf");
    Files.writeString(file, "icq-transport.database.file = \"/var/lib/icq-transport/registrations\"\n");
    assertEquals("", TransportConfig.loadForDatabaseTools(file).componentSecret());
    assertThrows(ConfigurationException.class, () -> TransportConfig.load(file));
  }
}
