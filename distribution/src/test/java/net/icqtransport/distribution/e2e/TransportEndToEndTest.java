package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.icqtransport.distribution.TransportApplication;
import net.icqtransport.distribution.TransportTimers;
import net.icqtransport.distribution.config.TransportConfig;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world of an end-to-end test: the OSCAR simulator, a private Prosody with the Jabber user alice, the
 * transport as shipped (wired by {@link TransportApplication}), and helpers to bring in Jabber and ICQ users.
 * Everything is started before and stopped after each test.
 */
abstract class TransportEndToEndTest {
  protected static final String COMPONENT = "icq.localhost";
  protected static final String ALICE_UIN = "100001";
  protected static final String ALICE_ICQ_PASSWORD = "icq-pass-alice";
  protected static final String ALICE_XMPP_PASSWORD = "alice-xmpp-password";
  protected static final Duration WAIT = Duration.ofSeconds(20);
  /** Bob, the ICQ user most tests chat with (see {@link #withBobAsMutualContact}). */
  protected static final String BOB_UIN = "100002";
  protected static final String BOB_ICQ_PASSWORD = "icq-pass-bob";

  @TempDir protected Path folder;
  protected OscarSimulator simulator;
  private int[] simulatorPorts;
  protected ProsodyServer prosody;
  protected TransportApplication transport;
  private IcqNetwork icqNetwork;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** Accounts, contact lists and seeded data of the simulator for this test class. */
  /** Bob's account, and alice and bob on each other's server-side contact list (group "Friends"). */
  protected static OscarSimulator.Builder withBobAsMutualContact(OscarSimulator.Builder builder) {
    return builder.account(BOB_UIN, BOB_ICQ_PASSWORD)
        .contact(ALICE_UIN, BOB_UIN, "Bob", "Friends")
        .contact(BOB_UIN, ALICE_UIN, "Alice", "Friends");
  }

  protected abstract void configureSimulator(OscarSimulator.Builder builder);

  /** Extra Prosody settings of a test class, before Prosody starts. */
  protected void configureProsody(ProsodyServer server) {}

  /** Extra transport settings of a test class ("icq-transport.…" keys). */
  protected Map<String, Object> transportSettings() {
    return Map.of();
  }

  @BeforeEach
  void startServers() {
    simulator = simulatorBuilder().start();
    simulatorPorts = new int[] {simulator.loginAddress().getPort(), simulator.bosAddress().getPort(),
        simulator.bartAddress().getPort()};
    prosody = ProsodyServer.create(folder.resolve("prosody"), COMPONENT, "component-secret-e2e");
    prosody.addUser("alice", ALICE_XMPP_PASSWORD);
    configureProsody(prosody);
    prosody.start();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      closeables.get(i).close();
    }
    if (icqNetwork != null) {
      icqNetwork.close();
    }
    if (transport != null) {
      transport.close();
    }
    prosody.close();
    simulator.close();
  }

  /** The simulator of this test class, not started: alice's account and {@link #configureSimulator}. */
  protected OscarSimulator.Builder simulatorBuilder() {
    OscarSimulator.Builder builder = OscarSimulator.builder().account(ALICE_UIN, ALICE_ICQ_PASSWORD);
    configureSimulator(builder);
    return builder;
  }

  /**
   * Starts a fresh simulator (accounts and lists as at the start, then {@code change}) on the ports the first
   * one listened on; the current one is closed first if it is not already.
   */
  protected void restartSimulatorOnSamePorts(java.util.function.Consumer<OscarSimulator.Builder> change) {
    simulator.close();
    OscarSimulator.Builder builder = simulatorBuilder()
        .loginPort(simulatorPorts[0]).bosPort(simulatorPorts[1]).bartPort(simulatorPorts[2]);
    change.accept(builder);
    simulator = builder.start();
  }

  /** Starts the transport against the test's Prosody, simulator and database folder. */
  protected TransportApplication startTransport() throws InterruptedException {
    return startTransport(TransportTimers.defaults());
  }

  /** Further configuration of the transport for this test class (over the test world's settings). */
  protected com.typesafe.config.Config extraConfig() {
    return ConfigFactory.empty();
  }

  /** As {@link #startTransport()} with other keepalive, idle, backoff and queue timers. */
  protected TransportApplication startTransport(TransportTimers timers) throws InterruptedException {
    Map<String, Object> settings = new java.util.HashMap<>(Map.of(
        "icq-transport.xmpp.port", prosody.componentPort(),
        "icq-transport.xmpp.domain", COMPONENT,
        "icq-transport.xmpp.secret", prosody.componentSecret(),
        "icq-transport.oscar.login-port", simulator.loginAddress().getPort(),
        "icq-transport.database.file", folder.resolve("data/registrations").toString(),
        "icq-transport.http.port", 0));
    settings.putAll(transportSettings());
    TransportConfig config = TransportConfig.from(extraConfig()
        .withFallback(ConfigFactory.parseMap(settings))
        // Debug logging, as logback-test.xml sets it, so that the log scans of the tests mean something.
        .withFallback(ConfigFactory.parseString("icq-transport.logging.levels { \"net.icqtransport\" = DEBUG }")));
    TransportApplication application = TransportApplication.start(config, timers);
    assertTrue(application.awaitConnected(WAIT), "component connected to Prosody; log:\n" + prosody.log());
    return application;
  }

  /** Closes {@code closeable} after the test, before the servers stop. */
  protected void closeAfterTest(AutoCloseable closeable) {
    closeables.add(closeable);
  }

  /** Logs alice in to Prosody (closed after the test). */
  protected JabberClient loginAlice() throws Exception {
    JabberClient alice = JabberClient.login(prosody, "alice", ALICE_XMPP_PASSWORD);
    closeables.add(alice);
    return alice;
  }

  /** Logs alice in, registers her ICQ account with the transport and waits until the transport logged in. */
  protected JabberClient registeredAlice() throws Exception {
    JabberClient alice = loginAlice();
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    awaitTransportOnline(alice);
    return alice;
  }

  /**
   * Waits for the transport's own presence saying it is logged in to ICQ for the user (plain available;
   * "logging in" has a show). The simulator's view is not enough: the registration check logs in briefly too.
   */
  protected static void awaitTransportOnline(JabberClient user) throws Exception {
    user.nextPresenceFrom(COMPONENT,
        p -> p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available, WAIT);
  }

  /**
   * Waits until the OSCAR server counts {@code account} as signed on. The server does so once it has handled the
   * client's "client ready" (SNAC 01/02), which the transport sends last in its login and which nothing answers:
   * the transport's available presence may reach the Jabber user before the server has read it.
   */
  protected void awaitSignedOnAtTheServer(String account) {
    Await.until(() -> simulator.isOnline(account), WAIT, account + " signed on at the OSCAR server");
  }

  /** Logs an ICQ user in to the simulator with our own OSCAR client (closed after the test). */
  protected IcqUser icqUser(String uin, String password) throws Exception {
    if (icqNetwork == null) {
      icqNetwork = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
          .withLoginPort(simulator.loginAddress().getPort()));
    }
    IcqUser user = IcqUser.login(icqNetwork, uin, password, WAIT);
    closeables.add(user);
    return user;
  }

  /** The JID of an ICQ contact on the transport. */
  protected static String jid(String uin) {
    return uin + "@" + COMPONENT;
  }
}
