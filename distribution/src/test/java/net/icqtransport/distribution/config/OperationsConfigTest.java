package net.icqtransport.distribution.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import net.icqtransport.distribution.operations.LogLevels;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The http.* and logging.levels keys: defaults, validation, and levels reaching Logback. */
class OperationsConfigTest {
  private static final String SECRET = "icq-transport.xmpp.secret = s\n";

  @Test
  void httpListensOnLoopback9190ByDefaultAndLevelsStartWithTheProjectAtInfo() {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString(SECRET));
    assertTrue(config.httpEnabled());
    assertEquals("127.0.0.1", config.httpHost());
    assertEquals(9190, config.httpPort());
    assertEquals(Map.of("net.icqtransport", "INFO"), config.loggingLevels());
  }

  @Test
  void levelsPerPackageAreAcceptedAndAWrongLevelOrPortIsNamed() {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString(SECRET
        + "icq-transport.logging.levels { \"net.icqtransport.oscar\" = debug }"));
    assertEquals("DEBUG", config.loggingLevels().get("net.icqtransport.oscar"));
    assertEquals("INFO", config.loggingLevels().get("net.icqtransport"));

    ConfigurationException wrong = assertThrows(ConfigurationException.class, () -> TransportConfig.from(
        ConfigFactory.parseString(SECRET + "icq-transport.logging.levels { \"net.icqtransport.oscar\" = LOUD }\n"
            + "icq-transport.http.port = 70000")));
    assertTrue(wrong.getMessage().contains("logging.levels.\"net.icqtransport.oscar\": must be one of"),
        wrong.getMessage());
    assertTrue(wrong.getMessage().contains("icq-transport.http.port: not a port number"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("unknown key"), wrong.getMessage());
  }

  @Test
  void theDefaultLevelHasAnEnvironmentVariableToo() {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseString(SECRET),
        Map.of("ICQ_TRANSPORT_LOGGING_LEVELS_NET_ICQTRANSPORT", "WARN"));
    assertEquals("WARN", config.loggingLevels().get("net.icqtransport"));
  }

  @Test
  void levelsAreAppliedToLogback() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LogLevels.apply(Map.of("net.icqtransport.test.levels", "ERROR"));
    assertEquals(Level.ERROR, context.getLogger("net.icqtransport.test.levels").getLevel());
    LogLevels.apply(Map.of("net.icqtransport.test.levels", "TRACE"));
    assertEquals(Level.TRACE, context.getLogger("net.icqtransport.test.levels").getLevel());
  }
}
