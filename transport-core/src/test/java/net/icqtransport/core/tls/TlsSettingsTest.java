package net.icqtransport.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import net.icqtransport.core.testing.TestCertificateAuthority;
import net.icqtransport.core.testing.TestCertificateAuthority.ServerCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate checks of {@link TlsSettings#connect}: RFC 5280 path validation and RFC 6125 host names. */
class TlsSettingsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path folder;
  private SSLServerSocket server;
  private Thread acceptor;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
      acceptor.join(5_000);
    }
  }

  @Test
  void trustsACertificateFromTheConfiguredCaForTheHostConnectedTo() throws Exception {
    TestCertificateAuthority ca = TestCertificateAuthority.create("Test CA");
    int port = serve(ca.issue("127.0.0.1", "localhost"));

    try (SSLSocket socket = TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem")))
        .connect("127.0.0.1", port, TIMEOUT)) {
      assertEquals('!', socket.getInputStream().read());
    }
  }

  @Test
  void refusesACertificateFromAnotherCa() throws Exception {
    TestCertificateAuthority ca = TestCertificateAuthority.create("Test CA");
    TestCertificateAuthority other = TestCertificateAuthority.create("Other CA");
    int port = serve(other.issue("127.0.0.1"));

    CertificateRefusedException refused = assertThrows(CertificateRefusedException.class,
        () -> TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem"))).connect("127.0.0.1", port, TIMEOUT));

    assertEquals(CertificateRefusedException.Reason.NOT_TRUSTED, refused.reason());
    assertTrue(refused.getMessage().startsWith("certificate for 127.0.0.1 not trusted: PKIX path"), refused.getMessage());
  }

  @Test
  void refusesASystemTrustStoreConnectionToATestCa() throws Exception {
    int port = serve(TestCertificateAuthority.create("Test CA").issue("127.0.0.1"));

    CertificateRefusedException refused = assertThrows(CertificateRefusedException.class,
        () -> TlsSettings.systemTrust().connect("127.0.0.1", port, TIMEOUT));

    assertEquals(CertificateRefusedException.Reason.NOT_TRUSTED, refused.reason());
  }

  @Test
  void refusesATrustedCertificateForAnotherHostName() throws Exception {
    TestCertificateAuthority ca = TestCertificateAuthority.create("Test CA");
    int port = serve(ca.issue("icq.example.org"));

    CertificateRefusedException refused = assertThrows(CertificateRefusedException.class,
        () -> TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem"))).connect("127.0.0.1", port, TIMEOUT));

    assertEquals(CertificateRefusedException.Reason.HOST_NAME_MISMATCH, refused.reason());
    assertTrue(refused.getMessage().startsWith("certificate for 127.0.0.1 host name mismatch: "), refused.getMessage());
  }

  @Test
  void aMissingCaFileIsAnIoErrorNotACertificateFailure() {
    IOException failure = assertThrows(IOException.class,
        () -> TlsSettings.trusting(folder.resolve("missing.pem")).connect("127.0.0.1", 1, TIMEOUT));
    assertTrue(!(failure instanceof CertificateRefusedException), failure.toString());
  }

  /** A TLS server on a free loopback port that writes '!' to every client that completes the handshake. */
  private int serve(ServerCertificate certificate) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(certificate.keyManagerFactory().getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (SSLSocket client = (SSLSocket) server.accept()) {
          client.getOutputStream().write('!');
          client.getOutputStream().flush();
          client.getInputStream().read(); // until the client closes
        } catch (IOException e) {
          // a refused handshake, or the server closed
        }
      }
    });
    acceptor.start();
    return server.getLocalPort();
  }
}
