package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

/**
 * The operator's view of a running transport: /metrics (Prometheus text) counts the registration, the login
 * and the messages each way; /health is 200 UP while the component is connected and 503 once Prosody stops.
 */
class OperationsEndToEndTest extends TransportEndToEndTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void metricsShowTheLoginAndMessagesAndHealthFollowsTheXmppConnection() throws Exception {
    transport = startTransport();
    int port = transport.httpPort().orElseThrow();
    assertEquals(0.0, value(get(port, "/metrics").body(), "icq_transport_logins_total"));

    JabberClient alice = registeredAlice();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.sendChat(jid(BOB_UIN), "hi bob");
    assertEquals(new Text(ALICE_UIN, "hi bob"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "hi alice").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    alice.nextMessageFrom(jid(BOB_UIN), m -> "hi alice".equals(m.getBody()), WAIT);

    HttpResponse<String> metrics = get(port, "/metrics");
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    String text = metrics.body();
    assertEquals(1.0, value(text, "icq_transport_registrations_total{action=\"register\"}"), text);
    assertTrue(value(text, "icq_transport_logins_total") >= 1.0, text);
    assertEquals(1.0, value(text, "icq_transport_messages_total{direction=\"xmpp_to_icq\"}"), text);
    assertEquals(1.0, value(text, "icq_transport_messages_total{direction=\"icq_to_xmpp\"}"), text);
    assertEquals(1.0, value(text, "icq_transport_sessions{state=\"online\"}"), text);
    assertEquals(0.0, value(text, "icq_transport_login_failures_total{reason=\"wrong_password\"}"), text);
    assertTrue(text.contains("icq_transport_component_backlog{direction=\"outbound\"}"), text);
    assertTrue(text.contains("icq_transport_oscar_rate_queue"), text);

    HttpResponse<String> health = get(port, "/health");
    assertEquals(200, health.statusCode());
    assertEquals("{\"status\":\"UP\",\"xmpp\":\"connected\",\"database\":\"up\",\"sessions\":1}", health.body());

    prosody.stop();
    Await.until(() -> get(port, "/health").statusCode() == 503, WAIT, "health reports 503 once Prosody is gone");
    assertTrue(get(port, "/health").body().contains("\"status\":\"DOWN\""));
    assertEquals(404, get(port, "/nothing").statusCode());
  }

  private HttpResponse<String> get(int port, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError("GET " + path + " failed", e);
    }
  }

  /** The value of one sample line ({@code name{labels} value}) of the Prometheus text. */
  private static double value(String text, String sample) {
    Matcher matcher = Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no sample " + sample + " in:\n" + text);
    }
    return Double.parseDouble(matcher.group(1));
  }
}
