package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.testing.PostgresServer;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport on a real PostgreSQL that crashes ({@code pg_ctl stop -m immediate}) and comes back on the
 * same port with the same data, while alice chats with an ICQ contact: her chat goes on both ways, bob's
 * registration (XEP-0077) is refused at once with {@code internal-server-error} of type {@code wait} saying
 * the registration store is unavailable (RFC 6120 §8.3.2, §8.3.3.6) and nothing is stored, carol (registered
 * before) coming online is told that her registration cannot be read and is logged in once it can, and
 * {@code /health} says {@code "database":"down"} and then {@code "up"} again. After the database is back,
 * without restarting the transport, bob registers and chats.
 */
class DatabaseOutageEndToEndTest extends TransportEndToEndTest {
  private static final String DAVE_UIN = "400001";
  private static final String DAVE_PASSWORD = "icq-pass-dave";
  private static final String BOB_UIN = "300001";
  private static final String BOB_ICQ_PASSWORD = "icq-pass-bob";
  private static final String CAROL_UIN = "500001";
  private static final String CAROL_ICQ_PASSWORD = "icq-pass-carol";

  private PostgresServer postgres;
  private String databaseUrl;

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(DAVE_UIN, DAVE_PASSWORD).account(BOB_UIN, BOB_ICQ_PASSWORD)
        .account(CAROL_UIN, CAROL_ICQ_PASSWORD);
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.addUser("bob", "bob-xmpp-password");
    server.addUser("carol", "carol-xmpp-password");
  }

  @Override
  protected Map<String, Object> transportSettings() {
    return Map.of(
        "icq-transport.database.url", databaseUrl,
        "icq-transport.database.username", PostgresServer.USER,
        "icq-transport.database.key", Base64.getEncoder().encodeToString(new byte[32]),
        "icq-transport.database.connection-timeout", "2s");
  }

  @BeforeEach
  void startPostgres() {
    postgres = PostgresServer.start();
    databaseUrl = postgres.createDatabase();
  }

  @AfterEach
  void stopTransportThenPostgres() {
    if (transport != null) {
      transport.close();
      transport = null;
    }
    postgres.close();
  }

  @Test
  void aDatabaseOutageIsSurvivedAndEverythingWorksOnceItIsBackWithoutARestart() throws Exception {
    transport = startTransport(FaultTimers.fast());
    int httpPort = transport.httpPort().orElseThrow();
    JabberClient alice = registeredAlice();
    Set<String> bouncedToAlice = ConcurrentHashMap.newKeySet();
    alice.connection().addAsyncStanzaListener(stanza -> {
      if (((Message) stanza).getType() == Message.Type.error) {
        bouncedToAlice.add(String.valueOf(((Message) stanza).getBody()));
      }
    }, StanzaTypeFilter.MESSAGE);
    IcqUser dave = icqUser(DAVE_UIN, DAVE_PASSWORD);
    chat(alice, ALICE_UIN, dave, "before the outage");
    JabberClient carol = JabberClient.login(prosody, "carol", "carol-xmpp-password");
    carol.registerWithTransport(COMPONENT, CAROL_UIN, CAROL_ICQ_PASSWORD);
    awaitTransportOnline(carol);
    carol.close(); // carol goes offline; she comes back during the outage
    Await.until(() -> !simulator.isOnline(CAROL_UIN), WAIT, "carol signed off ICQ");
    assertTrue(health(httpPort).contains("\"status\":\"UP\"") && health(httpPort).contains("\"database\":\"up\""),
        health(httpPort));

    postgres.stopHard();

    // alice's session is in memory: her chat goes on both ways, promptly and without bounces.
    long chatStarted = System.nanoTime();
    chat(alice, ALICE_UIN, dave, "during the outage");
    chat(alice, ALICE_UIN, dave, "still during the outage");
    Duration chatTook = Duration.ofNanos(System.nanoTime() - chatStarted);
    assertTrue(chatTook.compareTo(Duration.ofSeconds(4)) < 0, "chat waited for the database: " + chatTook);

    // The operator sees it.
    Await.until(() -> health(httpPort).contains("\"database\":\"down\""), WAIT, "/health reports the database down");
    assertTrue(health(httpPort).startsWith("200 {\"status\":\"DEGRADED\""), health(httpPort));

    // bob's registration is refused at once, saying why and that he should try later.
    JabberClient bob = JabberClient.login(prosody, "bob", "bob-xmpp-password");
    closeAfterTest(bob);
    long registrationStarted = System.nanoTime();
    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> bob.registerWithTransport(COMPONENT, BOB_UIN, BOB_ICQ_PASSWORD));
    StanzaError error = refused.getStanzaError();
    assertEquals(StanzaError.Condition.internal_server_error, error.getCondition(), error.toXML().toString());
    assertEquals(StanzaError.Type.WAIT, error.getType(), error.toXML().toString());
    assertTrue(error.getDescriptiveText().contains("registration store is unavailable")
        && error.getDescriptiveText().contains("try again later"), error.getDescriptiveText());
    assertTrue(Duration.ofNanos(System.nanoTime() - registrationStarted).toSeconds() < 8, "answered, not timed out");

    // carol, registered before, comes online: she is told, and the transport keeps trying.
    JabberClient carolAgain = JabberClient.login(prosody, "carol", "carol-xmpp-password");
    closeAfterTest(carolAgain);
    Presence told = carolAgain.nextPresenceFrom(COMPONENT,
        p -> p.getStatus() != null && p.getStatus().startsWith("Cannot read your registration; retrying in"), WAIT);
    assertNotNull(told);
    chat(alice, ALICE_UIN, dave, "while carol waits");

    postgres.restart();

    Await.until(() -> health(httpPort).contains("\"status\":\"UP\"") && health(httpPort).contains("\"database\":\"up\""),
        WAIT, "/health reports the database up again");
    awaitTransportOnline(carolAgain);
    assertEquals(Optional.empty(), transport.registrations().find(new UserAddress("bob@localhost")),
        "nothing of bob's refused registration was stored");

    // Without a restart of the transport: bob registers and chats, alice still chats.
    bob.registerWithTransport(COMPONENT, BOB_UIN, BOB_ICQ_PASSWORD);
    awaitTransportOnline(bob);
    chat(bob, BOB_UIN, dave, "after the outage");
    chat(alice, ALICE_UIN, dave, "after the outage");
    assertEquals(Set.of(), bouncedToAlice, "nothing alice sent was bounced");
  }

  /** One message each way between a Jabber user and the ICQ contact dave. */
  private void chat(JabberClient user, String userUin, IcqUser contact, String topic) throws Exception {
    String toIcq = userUin + " to dave " + topic;
    user.sendChat(jid(DAVE_UIN), toIcq);
    assertEquals(new Text(userUin, toIcq), contact.next(Text.class, t -> t.text().equals(toIcq), WAIT));
    String toJabber = "dave to " + userUin + " " + topic;
    contact.session().sendMessage(new LegacyContactId(userUin), toJabber).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(toJabber, user.nextMessageFrom(jid(DAVE_UIN), m -> toJabber.equals(m.getBody()), WAIT).getBody());
  }

  /** The body of GET /health. */
  private static String health(int port) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
          .openConnection();
      int status = connection.getResponseCode();
      try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      return "unreachable: " + e;
    }
  }
}
