package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton, end to end: a real Prosody, the transport as shipped (wired by
 * {@link TransportApplication}), the OSCAR simulator over TCP, Smack as the Jabber user alice and our own OSCAR
 * client as the ICQ user 100002.
 */
class WalkingSkeletonEndToEndTest {
  private static final String COMPONENT = "icq.localhost";
  private static final String ALICE_UIN = "100001";
  private static final String ALICE_ICQ_PASSWORD = "icq-pass-alice";
  private static final String BOB_UIN = "100002";
  private static final String BOB_ICQ_PASSWORD = "icq-pass-bob";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path folder;
  private OscarSimulator simulator;
  private ProsodyServer prosody;
  private TransportApplication transport;
  private JabberClient alice;
  private IcqNetwork bobNetwork;
  private LegacySession bob;
  private final BlockingQueue<String> bobInbox = new LinkedBlockingQueue<>();

  @BeforeEach
  void startServers() {
    simulator = OscarSimulator.builder()
        .account(ALICE_UIN, ALICE_ICQ_PASSWORD)
        .account(BOB_UIN, BOB_ICQ_PASSWORD)
        .contact(ALICE_UIN, BOB_UIN, "Bob", "Friends")
        .contact(BOB_UIN, ALICE_UIN, "Alice", "Friends")
        .start();
    prosody = ProsodyServer.create(folder.resolve("prosody"), COMPONENT, "component-secret-e2e");
    prosody.addUser("alice", "alice-xmpp-password");
    prosody.start();
  }

  @AfterEach
  void stopEverything() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
    if (bobNetwork != null) {
      bobNetwork.close();
    }
    if (transport != null) {
      transport.close();
    }
    if (prosody != null) {
      prosody.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void aliceRegistersLogsInAndChatsWithAnIcqUserBothWaysAcrossATransportRestart() throws Exception {
    transport = startTransport();
    alice = JabberClient.login(prosody, "alice", "alice-xmpp-password");

    // A wrong ICQ password is refused at registration, and nothing is stored.
    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> alice.registerWithTransport(COMPONENT, ALICE_UIN, "not-the-password"));
    assertEquals(StanzaError.Condition.not_authorized, refused.getStanzaError().getCondition());
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isEmpty());

    // The right one registers; the transport asks for alice's presence, alice approves, and it logs in.
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "the transport logging 100001 in to ICQ");

    bobNetwork = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
        .withLoginPort(simulator.loginAddress().getPort()));
    bob = bobNetwork.open(new LegacyCredentials(new LegacyContactId(BOB_UIN), BOB_ICQ_PASSWORD), new BobListener())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    String toBob = "Grüße aus Jabber! Привет, Боб 😀";
    alice.sendChat(BOB_UIN + "@" + COMPONENT, toBob);
    assertEquals(ALICE_UIN + ": " + toBob, bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

    String toAlice = "Hallo Alice, ü, Ж и 🎉";
    bob.sendMessage(new LegacyContactId(ALICE_UIN), toAlice).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message received = alice.nextMessageFrom(BOB_UIN + "@" + COMPONENT, WAIT);
    assertEquals(toAlice, received.getBody());
    assertEquals(Message.Type.chat, received.getType());

    // After a restart of the transport the registration is still there, and the next message goes through.
    transport.close();
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "100001 signed off when the transport stopped");
    transport = startTransport();
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isPresent());
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "100001 logged in again after the restart");

    String afterRestart = "Still here after the restart, ü 😀";
    alice.sendChat(BOB_UIN + "@" + COMPONENT, afterRestart);
    assertEquals(ALICE_UIN + ": " + afterRestart, bobInbox.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    bob.sendMessage(new LegacyContactId(ALICE_UIN), "and back").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("and back", alice.nextMessageFrom(BOB_UIN + "@" + COMPONENT, WAIT).getBody());
  }

  @Test
  void aMessageToAnOfflineIcqUserIsBouncedToTheSender() throws Exception {
    transport = startTransport();
    alice = JabberClient.login(prosody, "alice", "alice-xmpp-password");
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "the transport logging 100001 in to ICQ");
    assertFalse(simulator.isOnline(BOB_UIN));

    alice.sendChat(BOB_UIN + "@" + COMPONENT, "are you there?");
    Message bounce = alice.nextMessageFrom(BOB_UIN + "@" + COMPONENT, WAIT);
    assertEquals(Message.Type.error, bounce.getType());
    assertEquals(StanzaError.Condition.recipient_unavailable, bounce.getError().getCondition());
  }

  private TransportApplication startTransport() throws InterruptedException {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseMap(Map.of(
        "icq-transport.xmpp.port", prosody.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", prosody.componentSecret(),
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        "icq-transport.database.file", folder.resolve("data/registrations").toString())));
    TransportApplication application = TransportApplication.start(config);
    assertTrue(application.awaitConnected(WAIT), "component connected to Prosody; log:\n" + prosody.log());
    return application;
  }

  /** The ICQ user 100002's client: records "sender: text" for each message. */
  private final class BobListener implements LegacyListener {
    @Override
    public void contactListReceived(List<LegacyContact> contacts) {}

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {}

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {
      bobInbox.add(from + ": " + text);
    }

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {}
  }
}
