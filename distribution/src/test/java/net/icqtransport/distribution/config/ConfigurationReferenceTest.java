package net.icqtransport.distribution.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

  @Test
  void docsConfigurationMdIsTheGeneratedReference() throws Exception {
    String committed = Files.readString(Path.of("../docs/configuration.md"), StandardCharsets.UTF_8);
    assertEquals(ConfigurationReference.markdown(), committed,
        "docs/configuration.md is out of date: regenerate it with `bin/icq-transport config-reference`");
  }

  @Test
  void everyKeyIsDocumentedWithAComment() {
    ConfigFactory.defaultReference().getConfig("icq-transport").entrySet().forEach(entry ->
        assertTrue(!entry.getValue().origin().comments().isEmpty(), entry.getKey() + " has no documentation comment"));
  }

  @Test
  void theShippedExampleNamesEveryKey() throws Exception {
    var example = ConfigFactory.parseFile(Path.of("src/main/dist/conf/icq-transport.conf").toFile());
    ConfigFactory.defaultReference().getConfig("icq-transport").entrySet().forEach(entry ->
        assertTrue(example.hasPath("icq-transport." + entry.getKey()),
            "conf/icq-transport.conf does not show icq-transport." + entry.getKey()));
  }

  @Test
  void environmentVariablesOverrideTheFileByTheDocumentedRule() {
    TransportConfig config = TransportConfig.from(
        ConfigFactory.parseString("icq-transport { xmpp { secret = from-file, port = 1111 } }"),
        Map.of(EnvironmentOverrides.variableFor("xmpp.port"), "2222",
            EnvironmentOverrides.variableFor("oscar.login-host"), "icq.example.org"));
    assertEquals("ICQ_TRANSPORT_OSCAR_LOGIN_HOST", EnvironmentOverrides.variableFor("oscar.login-host"));
    assertEquals(2222, config.xmppPort());
    assertEquals("icq.example.org", config.oscarLoginHost());
    assertEquals("from-file", config.componentSecret());
  }

  @Test
  void secretsCanComeFromFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("component.secret");
    Files.writeString(secretFile, "s3cret-from-file\n", StandardCharsets.UTF_8);
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString(
        "icq-transport.xmpp.secret-file = \"" + secretFile.toString().replace("\\", "\\\\") + "\""));
    assertEquals("s3cret-from-file", config.componentSecret());

    ConfigurationException missing = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
        () -> TransportConfig.from(ConfigFactory.parseString(
            "icq-transport.xmpp.secret-file = \"" + dir.resolve("nope") + "\"")));
    assertTrue(missing.getMessage().contains("icq-transport.xmpp.secret-file: cannot read"), missing.getMessage());
  }
}
