package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret reaches a log or the database in clear: after a registration with a wrong ICQ password and a right
 * one, a login and messages both ways — with {@code net.icqtransport} logging at DEBUG — neither password nor
 * the component secret appears in the transport's log ({@code target/e2e-transport.log}), in Prosody's log,
 * or in the bytes of the embedded database file.
 */
class SecretsStayOutOfLogsEndToEndTest extends TransportEndToEndTest {
  private static final String WRONG_PASSWORD = "Wr0ng-Pa55-7f3k";
  private static final Path TRANSPORT_LOG = Path.of("target/e2e-transport.log");

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void passwordsAndTheComponentSecretNeverAppearInLogsOrTheDatabaseFile() throws Exception {
    transport = startTransport();
    assertTrue(LoggerFactory.getLogger("net.icqtransport").isDebugEnabled(),
        "the scan means something only with DEBUG logging (the e2e config sets it)");
    JabberClient alice = loginAlice();

    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> alice.registerWithTransport(COMPONENT, ALICE_UIN, WRONG_PASSWORD));
    assertEquals(StanzaError.Condition.not_authorized, refused.getStanzaError().getCondition());
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    awaitTransportOnline(alice);

    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.sendChat(jid(BOB_UIN), "hello bob");
    assertEquals(new Text(ALICE_UIN, "hello bob"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "hello alice").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("hello alice", alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT).getBody());
    transport.close();
    transport = null;

    String transportLog = Files.readString(TRANSPORT_LOG, StandardCharsets.UTF_8);
    assertTrue(transportLog.contains("DEBUG"), "the transport log has DEBUG lines");
    assertTrue(transportLog.contains(ALICE_UIN), "the log covers this test's registration");
    String prosodyLog = prosody.log();
    assertFalse(prosodyLog.isEmpty(), "Prosody logged");
    byte[] database = Files.readAllBytes(folder.resolve("data/registrations.mv.db"));
    String databaseText = new String(database, StandardCharsets.ISO_8859_1);
    for (String secret : List.of(ALICE_ICQ_PASSWORD, WRONG_PASSWORD, BOB_ICQ_PASSWORD, prosody.componentSecret())) {
      assertFalse(transportLog.contains(secret), "the transport log contains " + secret);
      assertFalse(prosodyLog.contains(secret), "Prosody's log contains " + secret);
      assertFalse(databaseText.contains(secret), "the database file contains " + secret);
      assertFalse(new String(database, StandardCharsets.UTF_16BE).contains(secret), "the database file contains " + secret);
    }
    String key = Files.readString(folder.resolve("data/registrations.key")).strip();
    assertFalse(transportLog.contains(key), "the transport log contains the database key");
    try (Stream<String> lines = Files.lines(TRANSPORT_LOG)) {
      assertTrue(lines.anyMatch(line -> line.contains("Generated database key")), "the generated key file is logged");
    }
  }
}
