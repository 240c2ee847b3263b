package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.testing.TestCertificateAuthority;
import net.icqtransport.core.tls.CertificateRefusedException;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.xmpp.ComponentSettings;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * XEP-0114 over direct TLS (RFC 6120 §5 protections for the component stream) against a real ejabberd 23.01
 * ({@code ejabberd_service} with {@code tls: true}) whose certificate, issued by a CA made for this test,
 * names only 127.0.0.1, with each connector: trusted and matching it connects; another CA or another host name is refused
 * before the handshake secret is ever sent (RFC 6125 §6).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComponentTlsTest {
  private static final String DOMAIN = "icq.localhost";

  private final BlockingQueue<Packet> inbound = new LinkedBlockingQueue<>();
  private Path folder;
  private TestCertificateAuthority ca;
  private EjabberdServer server;

  @BeforeAll
  void startServer() throws Exception {
    folder = Files.createTempDirectory("component-tls");
    ca = TestCertificateAuthority.create("Component TLS test CA");
    Path certfile = ca.issue("127.0.0.1").writeCombinedPem(folder.resolve("server.pem"));
    server = EjabberdServer.createWithComponentTls(DOMAIN, "component-secret", certfile);
    server.start();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("net.icqtransport.xmpp.connection.Connectors#both")
  void connectsOverTlsToACertificateFromTheConfiguredCa(Connectors.Factory factory) throws Exception {
    ComponentLink link = connector(factory, "127.0.0.1",
        TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem")))).connect();
    try {
      IQ ping = new IQ(IQ.Type.get, "tls-ping");
      ping.setFrom(DOMAIN);
      ping.setTo("localhost");
      ping.setChildElement("ping", "urn:xmpp:ping");
      assertTrue(link.write(ping));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        Packet packet = inbound.poll(100, TimeUnit.MILLISECONDS);
        if (packet instanceof IQ answer && "tls-ping".equals(answer.getID())) {
          assertEquals(IQ.Type.result, answer.getType(), answer.toXML());
          return;
        }
      }
      throw new AssertionError("no answer to the ping over TLS; log:\n" + server.log());
    } finally {
      link.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("net.icqtransport.xmpp.connection.Connectors#both")
  void refusesACertificateFromAnotherCa(Connectors.Factory factory) {
    TestCertificateAuthority other = TestCertificateAuthority.create("Another CA");
    ComponentConnector connector =
        connector(factory, "127.0.0.1", TlsSettings.trusting(other.writeCertificate(folder.resolve("other-ca.pem"))));

    CertificateRefusedException refused = assertThrows(CertificateRefusedException.class, connector::connect);

    assertEquals(CertificateRefusedException.Reason.NOT_TRUSTED, refused.reason());
    assertTrue(refused.getMessage().startsWith("certificate for 127.0.0.1 not trusted: "), refused.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("net.icqtransport.xmpp.connection.Connectors#both")
  void refusesATrustedCertificateThatNamesAnotherHost(Connectors.Factory factory) {
    // The same server reached as "localhost": its certificate names 127.0.0.1 only.
    ComponentConnector connector =
        connector(factory, "localhost", TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem"))));

    CertificateRefusedException refused = assertThrows(CertificateRefusedException.class, connector::connect);

    assertEquals(CertificateRefusedException.Reason.HOST_NAME_MISMATCH, refused.reason());
    assertTrue(refused.getMessage().startsWith("certificate for localhost host name mismatch: "), refused.getMessage());
  }

  private ComponentConnector connector(Connectors.Factory factory, String host, TlsSettings tls) {
    return factory.apply(
        new ComponentSettings(host, server.componentPort(), DOMAIN, server.componentSecret()).withTls(tls), inbound::add);
  }
}
