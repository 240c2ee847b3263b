package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.testing.TestCertificateAuthority;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both links over TLS, as shipped: the transport's component stream to a real ejabberd 23.01 over direct TLS
 * ({@code ejabberd_service} with {@code tls: true}, RFC 6120 §5 protections for XEP-0114), and its OSCAR
 * connections to the simulator's TLS listeners, all with certificates from a CA made for the test and trusted
 * through {@code ca-file}. A Jabber user registers and chats with an ICQ user both ways; an OSCAR server whose
 * certificate comes from another CA is refused, and the user is told why.
 */
class TlsEndToEndTest {
  private static final String COMPONENT = "icq.localhost";
  private static final String ALICE_UIN = "100001";
  private static final String ALICE_ICQ_PASSWORD = "icq-pass-alice";
  private static final String BOB_UIN = "100002";
  private static final String BOB_ICQ_PASSWORD = "icq-pass-bob";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private final TestCertificateAuthority ca = TestCertificateAuthority.create("End-to-end TLS test CA");
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private EjabberdServer ejabberd;
  private OscarSimulator simulator;
  private TransportApplication transport;

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (transport != null) {
      transport.close();
    }
    if (ejabberd != null) {
      ejabberd.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void aJabberUserChatsWithAnIcqUserWithBothLinksOverTls() throws Exception {
    startServers(ca);
    transport = startTransport();
    JabberClient alice = login();

    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    alice.nextPresenceFrom(COMPONENT,
        p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "alice signed on at the OSCAR server"); // 01/02 has no answer

    IcqUser bob = icqUser();
    alice.sendChat(BOB_UIN + "@" + COMPONENT, "über TLS, Боб");
    assertEquals(new Text(ALICE_UIN, "über TLS, Боб"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "and back over TLS").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("and back over TLS",
        alice.nextMessageFrom(BOB_UIN + "@" + COMPONENT, m -> m.getBody() != null, WAIT).getBody());
  }

  @Test
  void anOscarServerWithAnUntrustedCertificateIsRefusedAndTheUserIsTold() throws Exception {
    startServers(TestCertificateAuthority.create("A CA the transport does not trust"));
    transport = startTransport();
    JabberClient alice = login();

    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD));

    StanzaError error = refused.getStanzaError();
    assertEquals(StanzaError.Condition.remote_server_not_found, error.getCondition());
    assertTrue(error.getDescriptiveText().contains("certificate was refused"), error.toString());
    assertFalse(simulator.isOnline(ALICE_UIN));
  }

  /** ejabberd's component listener with a certificate from {@code ca}; the simulator with one from {@code oscarCa}. */
  private void startServers(TestCertificateAuthority oscarCa) {
    simulator = OscarSimulator.builder()
        .tls(oscarCa.issue("127.0.0.1").keyManagerFactory())
        .account(ALICE_UIN, ALICE_ICQ_PASSWORD)
        .account(BOB_UIN, BOB_ICQ_PASSWORD)
        .contact(ALICE_UIN, BOB_UIN, "Bob", "Friends")
        .contact(BOB_UIN, ALICE_UIN, "Alice", "Friends")
        .start();
    ejabberd = EjabberdServer.createWithComponentTls(COMPONENT, "component-secret-tls",
        ca.issue("127.0.0.1", "localhost").writeCombinedPem(folder.resolve("ejabberd.pem")));
    ejabberd.start();
    ejabberd.addUser("alice", "alice-xmpp-password");
  }

  private TransportApplication startTransport() throws InterruptedException {
    Path caFile = ca.writeCertificate(folder.resolve("ca.pem"));
    TransportConfig config = TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", ejabberd.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", ejabberd.componentSecret(),
        "icq-transport.xmpp.tls.enabled", true,
        "icq-transport.xmpp.tls.ca-file", caFile.toString(),
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        "icq-transport.oscar.tls.enabled", true,
        "icq-transport.oscar.tls.ca-file", caFile.toString(),
        "icq-transport.database.file", folder.resolve("data/registrations").toString(),
        "icq-transport.http.port", 0)));
    TransportApplication application = TransportApplication.start(config);
    assertTrue(application.awaitConnected(WAIT), "component connected to ejabberd over TLS; log:\n" + ejabberd.log());
    return application;
  }

  private JabberClient login() throws Exception {
    JabberClient alice = JabberClient.login(ejabberd, "alice", "alice-xmpp-password");
    closeables.add(alice);
    return alice;
  }

  private IcqUser icqUser() throws Exception {
    IcqNetwork network = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
        .withLoginPort(simulator.loginAddress().getPort())
        .withTls(TlsSettings.trusting(ca.writeCertificate(folder.resolve("bob-ca.pem")))));
    closeables.add(network::close);
    IcqUser bob = IcqUser.login(network, BOB_UIN, BOB_ICQ_PASSWORD, WAIT);
    closeables.add(bob);
    return bob;
  }
}
