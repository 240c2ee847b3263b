package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.TransportTimers;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.connection.ConnectionSupervisor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 19, item 7: a component secret that does not match Prosody's {@code component_secret}. Prosody answers
 * the handshake with {@code not-authorized}; the transport says at ERROR that the secret does not match, /health
 * gives that reason, and it asks ever more rarely, beyond the longest delay of ordinary connection failures.
 * Before, it logged "ComponentException: not-authorized" at WARN and retried at the ordinary pace forever.
 */
class WrongComponentSecretEndToEndTest extends TransportEndToEndTest {
  private static final String WRONG_SECRET = "not-the-secret-4711";
  /** The XMPP reconnect backoff of this test: 50 ms doubling to 200 ms for ordinary failures. */
  private static final Duration INITIAL_RETRY = Duration.ofMillis(50);
  private static final Duration MAX_RETRY = Duration.ofMillis(200);

  private final HttpClient http = HttpClient.newHttpClient();
  private final Logger supervisorLog = (Logger) LoggerFactory.getLogger(ConnectionSupervisor.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {}

  @BeforeEach
  void captureLogs() {
    logs.start();
    supervisorLog.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    supervisorLog.detachAppender(logs);
  }

  @Test
  void aWrongSecretIsNamedInTheLogAndInHealthAndRetriedEverMoreRarely() throws Exception {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", prosody.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", WRONG_SECRET,
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        "icq-transport.database.file", folder.resolve("data/registrations").toString(),
        "icq-transport.http.port", 0)));
    TransportTimers defaults = TransportTimers.defaults();
    transport = TransportApplication.start(config, new TransportTimers(defaults.oscarKeepalive(),
        defaults.oscarReaderIdle(), defaults.oscarLoginTimeout(), BridgeSettings.defaults(), INITIAL_RETRY, MAX_RETRY));
    int port = transport.httpPort().orElseThrow();

    Await.until(() -> refusals().size() >= 5, WAIT, "five refused handshakes");

    String expected = "refused the component secret for " + COMPONENT + " (not-authorized): the secret does not match "
        + "the server's component_secret for " + COMPONENT;
    List<ILoggingEvent> refusals = refusals();
    for (ILoggingEvent event : refusals) {
      assertEquals(Level.ERROR, event.getLevel(), event.getFormattedMessage());
      assertTrue(event.getFormattedMessage().contains(expected), event.getFormattedMessage());
    }
    List<Long> delays = refusals.stream().limit(5).map(WrongComponentSecretEndToEndTest::retryDelayMillis).toList();
    for (int i = 1; i < delays.size(); i++) {
      assertTrue(delays.get(i) > delays.get(i - 1), "the delay grows: " + delays);
    }
    assertTrue(delays.get(4) > MAX_RETRY.toMillis(),
        "a refused secret waits longer than an ordinary failure at most would: " + delays);

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(503, health.statusCode());
    assertTrue(health.body().startsWith("{\"status\":\"DOWN\",\"xmpp\":\"disconnected\",\"reason\":\"the XMPP server at "
        + "127.0.0.1:" + prosody.componentPort() + " " + expected), health.body());

    for (ILoggingEvent event : events()) {
      assertFalse(event.getFormattedMessage().contains(WRONG_SECRET), "the secret is logged: " + event);
    }
    assertFalse(health.body().contains(WRONG_SECRET), health.body());
  }

  /** The events so far (the appender adds under its own lock, from the supervisor's thread). */
  private List<ILoggingEvent> events() {
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  private List<ILoggingEvent> refusals() {
    return events().stream().filter(e -> e.getFormattedMessage().contains("not-authorized")).toList();
  }

  private static long retryDelayMillis(ILoggingEvent event) {
    Matcher matcher = Pattern.compile("retrying in (\\d+) ms").matcher(event.getFormattedMessage());
    assertTrue(matcher.find(), event.getFormattedMessage());
    return Long.parseLong(matcher.group(1));
  }
}
