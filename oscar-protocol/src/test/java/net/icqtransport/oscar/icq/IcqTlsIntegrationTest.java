package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.IcqNetworkTest.loginException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.testing.TestCertificateAuthority;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.oscar.icq.RecordingListener.ContactList;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSCAR over TLS against the simulator's TLS listeners, with a CA made for the test: the authorizer, the BOS
 * server it redirects to and the BART service all speak TLS, and each certificate is checked against the host
 * the client was sent to (RFC 6125 §6). A certificate from another CA, or one that does not name the redirect
 * host, ends the login with {@link LoginFailure#CERTIFICATE_REFUSED} naming the host and the reason.
 */
class IcqTlsIntegrationTest {
  private static final String ALICE = "111111";
  private static final String BOB = "222222";

  private static EventLoopGroup group;
  private static TestCertificateAuthority ca;
  @TempDir Path folder;
  private OscarSimulator icq;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    ca = TestCertificateAuthority.create("OSCAR TLS test CA");
  }

  @AfterAll
  static void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @AfterEach
  void stopSimulator() {
    if (icq != null) {
      icq.close();
    }
  }

  private OscarSimulator.Builder simulator(TestCertificateAuthority issuer, String... certificateNames) {
    return OscarSimulator.builder()
        .tls(issuer.issue(certificateNames).keyManagerFactory())
        .account(ALICE, "alice-pw")
        .account(BOB, "bob-pw")
        .contact(ALICE, BOB, "Bob", "Friends")
        .contact(BOB, ALICE, "Alice", "Friends");
  }

  private IcqNetwork network(TlsSettings tls) {
    return new IcqNetwork(IcqNetworkSettings.defaults(icq.loginAddress().getHostString())
        .withLoginPort(icq.loginAddress().getPort())
        .withTls(tls), group);
  }

  private TlsSettings trustingTheTestCa() {
    return TlsSettings.trusting(ca.writeCertificate(folder.resolve("ca.pem")));
  }

  @Test
  void logsInOverTlsAndExchangesMessagesAndAnAvatar() throws Exception {
    icq = simulator(ca, "127.0.0.1").start();
    IcqNetwork network = network(trustingTheTestCa());
    RecordingListener alice = new RecordingListener();
    RecordingListener bob = new RecordingListener();

    LegacySession aliceSession = open(network, ALICE, "alice-pw", alice);
    LegacySession bobSession = open(network, BOB, "bob-pw", bob);
    alice.await(ContactList.class);
    bob.await(ContactList.class);

    aliceSession.sendMessage(new LegacyContactId(BOB), "over TLS").get(10, TimeUnit.SECONDS);
    assertEquals("over TLS", bob.await(Message.class).text());
    bobSession.sendMessage(new LegacyContactId(ALICE), "and back").get(10, TimeUnit.SECONDS);
    assertEquals("and back", alice.await(Message.class).text());

    // The BART service connection (01/04 → 01/05 redirect) is TLS too.
    byte[] icon = "GIF89a\u0001\u0000\u0001\u0000 icon".getBytes(StandardCharsets.ISO_8859_1);
    AvatarId id = aliceSession.setAvatar(icon).get(10, TimeUnit.SECONDS);
    assertArrayEquals(icon, bobSession.fetchAvatar(new LegacyContactId(ALICE), id).get(10, TimeUnit.SECONDS));

    aliceSession.close();
    bobSession.close();
    alice.awaitClosed();
    bob.awaitClosed();
  }

  @Test
  void refusesAnAuthorizerCertificateFromAnotherCa() throws Exception {
    icq = simulator(TestCertificateAuthority.create("Another CA"), "127.0.0.1").start();

    LoginFailedException failure = loginException(login(network(trustingTheTestCa())));

    assertEquals(LoginFailure.CERTIFICATE_REFUSED, failure.failure());
    assertTrue(failure.getMessage().contains("certificate for 127.0.0.1 not trusted: PKIX path"), failure.getMessage());
    assertFalse(icq.isOnline(ALICE));
  }

  @Test
  void refusesTheSystemTrustStoreForATestCa() throws Exception {
    icq = simulator(ca, "127.0.0.1").start();

    LoginFailedException failure = loginException(login(network(TlsSettings.systemTrust())));

    assertEquals(LoginFailure.CERTIFICATE_REFUSED, failure.failure());
  }

  @Test
  void checksTheBosCertificateAgainstTheRedirectHost() throws Exception {
    // The authorizer is reached as 127.0.0.1 (in the certificate); the login reply sends the client to
    // "localhost:port", a name the certificate does not carry.
    icq = simulator(ca, "127.0.0.1").advertisedHost("localhost").start();

    LoginFailedException failure = loginException(login(network(trustingTheTestCa())));

    assertEquals(LoginFailure.CERTIFICATE_REFUSED, failure.failure());
    assertTrue(failure.getMessage().contains("certificate for localhost host name mismatch"), failure.getMessage());
    assertFalse(icq.isOnline(ALICE));
  }

  @Test
  void aPlaintextClientOnATlsServerEndsAtTheLoginTimeout() throws Exception {
    // Each side waits for the other to speak first (ClientHello vs. the FLAP hello): only the timeout ends it.
    icq = simulator(ca, "127.0.0.1").start();
    IcqNetwork network = new IcqNetwork(IcqNetworkSettings.defaults(icq.loginAddress().getHostString())
        .withLoginPort(icq.loginAddress().getPort())
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30)), group);

    assertEquals(LoginFailure.TIMEOUT, loginException(login(network)).failure());
  }

  private CompletableFuture<LegacySession> login(IcqNetwork network) {
    return network.open(new LegacyCredentials(new LegacyContactId(ALICE), "alice-pw"), new RecordingListener());
  }

  private static LegacySession open(IcqNetwork network, String uin, String password, RecordingListener listener)
      throws Exception {
    return network.open(new LegacyCredentials(new LegacyContactId(uin), password), listener).get(10, TimeUnit.SECONDS);
  }
}
