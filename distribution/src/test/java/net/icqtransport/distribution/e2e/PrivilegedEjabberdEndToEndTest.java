package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.EjabberdServer;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport on a real ejabberd 23.01 that grants it XEP-0356 privileges (roster both, message outgoing,
 * presence roster: {@link EjabberdServer#PRIVILEGE_MODULE}), end to end (issue #15, 3 and 4). 23.01 refuses
 * privileged roster sets (processone/ejabberd#3942), so both adding and removing contacts must fall back to
 * subscriptions; and with the presence permission it forwards to the component the presences the user receives
 * from the transport's own contact addresses, which the transport must leave unanswered.
 */
class PrivilegedEjabberdEndToEndTest {
  private static final String COMPONENT = "icq.localhost";
  private static final String ALICE_UIN = "100001";
  private static final String ALICE_ICQ_PASSWORD = "icq-pass-alice";
  private static final String ALICE_XMPP_PASSWORD = "alice-xmpp-password";
  private static final String BOB_UIN = "100002";
  private static final String BOB_ICQ_PASSWORD = "icq-pass-bob";
  private static final String CAROL_UIN = "100003";
  private static final String CAROL_ICQ_PASSWORD = "icq-pass-carol";
  private static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * The router's line for a presence from the transport's domain or a contact address answered with an error:
   * "Refusing a presence from 100002@icq.localhost: forbidden" (the access check) or "Refusing presence from
   * icq.localhost: registration-required" (a handler's refusal), as the code before issue #15's fix logged them.
   */
  private static final Pattern REFUSED_OWN_PRESENCE =
      Pattern.compile("Refusing (a )?presence from (\\S+@)?" + Pattern.quote(COMPONENT) + "\\b");

  @TempDir Path folder;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final TransportLog log = new TransportLog();
  private EjabberdServer ejabberd;
  private OscarSimulator simulator;
  private TransportApplication transport;

  @BeforeEach
  void startServers() {
    simulator = OscarSimulator.builder()
        .account(ALICE_UIN, ALICE_ICQ_PASSWORD)
        .account(BOB_UIN, BOB_ICQ_PASSWORD)
        .account(CAROL_UIN, CAROL_ICQ_PASSWORD)
        .contact(ALICE_UIN, BOB_UIN, "Bob", "Friends")
        .contact(ALICE_UIN, CAROL_UIN, "Carol", "Friends")
        .contact(BOB_UIN, ALICE_UIN, "Alice", "Friends")
        .contact(CAROL_UIN, ALICE_UIN, "Alice", "Friends")
        .start();
    ejabberd = EjabberdServer.create(COMPONENT, "component-secret-privileges");
    ejabberd.start();
    ejabberd.addUser("alice", ALICE_XMPP_PASSWORD);
    log.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (transport != null) {
      transport.close();
    }
    log.stop();
    if (ejabberd != null) {
      ejabberd.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  /**
   * Issue #15, 3: alice registers, her ICQ contacts arrive in her roster (through subscriptions: the privileged
   * roster set is refused) with subscription both; she unregisters. The transport's privileged roster removal is
   * refused too, and it used to only log that: the contacts stayed with subscription both. Now it cancels both
   * subscriptions of each contact, as ejabberd shows in the roster alice's client reads.
   */
  @Test
  void unregisteringLeavesNoIcqContactWithSubscriptionBoth() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    Await.until(() -> icqContactsWith(alice, ItemType.both).size() == 2, WAIT,
        "bob and carol in alice's roster with subscription both (added through subscriptions)");

    alice.unregisterFromTransport(COMPONENT);

    Await.until(() -> icqContactsWith(alice, ItemType.both).isEmpty(), WAIT,
        "no ICQ contact left with subscription both in alice's roster; the transport's roster lines:\n"
            + log.linesAbout("roster"));
  }

  /**
   * Issue #15, 4: while alice is online with bob and carol online on ICQ, ejabberd forwards to the component the
   * presences alice receives from {@code 100002@icq.localhost} and {@code 100003@icq.localhost} (presence
   * permission "roster"). The transport used to answer each with a {@code forbidden} presence error, which came
   * straight back (25 in one short run); now it ignores presences from its own addresses. The test waits until
   * the router has seen such a presence (ignored or refused), lets the contacts sign off, and counts the
   * refusals in the transport's log. On the code before the fix every such presence was refused ("Refusing a
   * presence from 100002@icq.localhost: forbidden") and the error came back to the component ("Presence error
   * from icq.localhost to 100002@icq.localhost: forbidden").
   */
  @Test
  void presencesFromTheTransportsOwnAddressesAreNotAnsweredWithErrors() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    // One contact at a time: waiting for one contact's presence skips (drops) the other's.
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.available, WAIT);
    IcqUser carol = icqUser(CAROL_UIN, CAROL_ICQ_PASSWORD);
    alice.nextPresenceFrom(jid(CAROL_UIN), p -> p.getType() == Presence.Type.available, WAIT);
    Await.until(() -> !ownAddressPresencesSeen().isEmpty(), WAIT,
        "ejabberd forwarded a presence from a contact address to the component; the transport's presence lines:\n"
            + log.linesAbout("presence"));
    bob.close();
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.unavailable, WAIT);
    carol.close();
    alice.nextPresenceFrom(jid(CAROL_UIN), p -> p.getType() == Presence.Type.unavailable, WAIT);
    alice.ping(COMPONENT);

    List<String> refused = log.lines().stream().filter(line -> REFUSED_OWN_PRESENCE.matcher(line).find()).toList();
    assertEquals(List.of(), refused, "presences from the transport's own addresses answered with an error");
  }

  /** Router log lines about a presence from one of the transport's contact addresses: ignored, or refused. */
  private List<String> ownAddressPresencesSeen() {
    return log.lines().stream()
        .filter(line -> line.contains("Ignoring a presence from this transport's own address")
            || REFUSED_OWN_PRESENCE.matcher(line).find())
        .toList();
  }

  private static List<RosterEntry> icqContacts(JabberClient user) {
    return user.roster().getEntries().stream()
        .filter(entry -> entry.getJid().getDomain().toString().equals(COMPONENT) && entry.getJid().hasLocalpart())
        .toList();
  }

  private static List<RosterEntry> icqContactsWith(JabberClient user, ItemType subscription) {
    return icqContacts(user).stream().filter(entry -> entry.getType() == subscription).toList();
  }

  private TransportApplication startTransport() throws InterruptedException {
    TransportConfig config = TransportConfig.from(ConfigFactory.parseMap(Map.of(
            "icq-transport.xmpp.port", ejabberd.componentPort(),
            "icq-transport.xmpp.domain", COMPONENT,
            "icq-transport.xmpp.secret", ejabberd.componentSecret(),
            "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
            "icq-transport.database.file", folder.resolve("data/registrations").toString(),
            "icq-transport.http.port", 0))
        // The log scans below read DEBUG lines of the router.
        .withFallback(ConfigFactory.parseString("icq-transport.logging.levels { \"net.icqtransport\" = DEBUG }")));
    TransportApplication application = TransportApplication.start(config);
    assertTrue(application.awaitConnected(WAIT), "component connected to ejabberd; log:\n" + ejabberd.log());
    return application;
  }

  /** Logs alice in, registers her ICQ account and waits until the transport logged in for her. */
  private JabberClient registeredAlice() throws Exception {
    JabberClient alice = JabberClient.login(ejabberd, "alice", ALICE_XMPP_PASSWORD);
    closeables.add(alice);
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    alice.nextPresenceFrom(COMPONENT,
        p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
    return alice;
  }

  private IcqUser icqUser(String uin, String password) throws Exception {
    IcqNetwork network = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
        .withLoginPort(simulator.loginAddress().getPort()));
    closeables.add(network::close);
    IcqUser user = IcqUser.login(network, uin, password, WAIT);
    closeables.add(user);
    return user;
  }

  private static String jid(String uin) {
    return uin + "@" + COMPONENT;
  }
}
