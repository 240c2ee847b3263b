package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import net.icqtransport.distribution.e2e.IcqUser.Closed;
import net.icqtransport.oscar.server.KickStyle;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The life of a session against a server that behaves as real OSCAR servers do (shared/OSCAR-SERVERS.md, issue
 * #14), end to end through Prosody with the simulator doing the rude part on demand: kicks in every form, a
 * login lockout, hosts that do not resolve, and registrations that must not kick a live session. Each of these
 * once cost the user's account on the real network: a login fight, a longer lockout, a kicked session.
 *
 * <p>The timers are the short ones of {@link FaultTimers} (reconnect after 300 ms, at most 2 s): a transport that
 * would log in again does so within a few seconds here, so watching {@link #NO_RETRY_WINDOW} says what the
 * default timers would show over minutes.
 */
class OscarSessionLifeEndToEndTest extends TransportEndToEndTest {
  private static final String ECHO_UIN = "100009";
  private static final String CAROL_XMPP_PASSWORD = "carol-xmpp-password";
  /** Five times the longest reconnect delay of {@link FaultTimers}. */
  private static final Duration NO_RETRY_WINDOW = Duration.ofSeconds(10);

  private final Map<String, Object> settings = new HashMap<>();

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder).echoBot(ECHO_UIN);
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.addUser("carol", CAROL_XMPP_PASSWORD);
  }

  @Override
  protected Map<String, Object> transportSettings() {
    return settings;
  }

  /**
   * The login fight of issue #14: the transport logs in with the channel-1 ("roasted") login, an old client to
   * the server, and the user's own ICQ client signs on. The server throws the transport out with the bare four
   * bytes {@code 2A 04 <seq>}. The transport tells the user and does not log in again, so the user's client is
   * never kicked in turn.
   */
  @Test
  void aKickByTheOldClientFrameIsASignOffTheUserIsToldOfAndNoLoginFollows() throws Exception {
    settings.put("icq-transport.oscar.login-method", "roasted");
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);

    IcqUser ownClient = icqUser(ALICE_UIN, ALICE_ICQ_PASSWORD);

    Presence told = alice.nextPresenceFrom(COMPONENT, OscarSessionLifeEndToEndTest::stopped, WAIT);
    assertTrue(told.getStatus().contains("The ICQ server ended the session"), told.getStatus());
    assertNoLoginFor(NO_RETRY_WINDOW, () -> simulator.loginAttempts(ALICE_UIN), attempts + 1);
    assertTrue(simulator.isOnline(ALICE_UIN), "the user's own client is still signed on");
    assertThrows(AssertionError.class, () -> ownClient.next(Closed.class, Duration.ofMillis(100)),
        "the user's own client was never kicked");
  }

  /** Every other form of "the server ended the session" is a sign-off too, however the bytes arrive. */
  @ParameterizedTest
  @EnumSource(value = KickStyle.class, names = {"OLD_CLIENT_FRAME", "EMPTY_CHANNEL_4", "EMPTY_CHANNEL_4_SPLIT"})
  void aSessionEndedByTheServerIsNotLoggedInAgain(KickStyle style) throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);

    simulator.kick(ALICE_UIN, style);

    Presence told = alice.nextPresenceFrom(COMPONENT, OscarSessionLifeEndToEndTest::stopped, WAIT);
    assertTrue(told.getStatus().contains("The ICQ server ended the session"), told.getStatus());
    assertNoLoginFor(NO_RETRY_WINDOW, () -> simulator.loginAttempts(ALICE_UIN), attempts);
  }

  /**
   * A server that only closes TCP right after each login looks like a lost connection: the transport reconnects,
   * but three sessions in a row that ended within a minute of their login stop it.
   */
  @Test
  void sessionsThatEndRightAfterLoginStopAfterThreeInsteadOfLooping() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);

    for (int kick = 1; kick <= 3; kick++) {
      simulator.kick(ALICE_UIN, KickStyle.CLOSE_ONLY);
      if (kick < 3) {
        alice.nextPresenceFrom(COMPONENT, p -> p.getMode() == Presence.Mode.xa && p.getStatus() != null
            && p.getStatus().startsWith("Disconnected from ICQ"), WAIT);
        awaitTransportOnline(alice);
      }
    }

    Presence stopped = alice.nextPresenceFrom(COMPONENT, OscarSessionLifeEndToEndTest::stopped, WAIT);
    assertTrue(stopped.getStatus().contains("3 times in a row"), stopped.getStatus());
    assertNoLoginFor(NO_RETRY_WINDOW, () -> simulator.loginAttempts(ALICE_UIN), attempts + 2);
  }

  /**
   * The server locks the account out after a burst of logins (error 0x001D, extended by every early retry). The
   * transport waits the configured time before the next login instead of its 300 ms reconnect delay, tells the
   * user why, and then gets in.
   */
  @Test
  void aLoginLockoutIsRetriedNoSoonerThanTheConfiguredWait() throws Exception {
    Duration wait = Duration.ofSeconds(6);
    settings.put("icq-transport.oscar.rate-limited-wait", wait.toSeconds() + "s");
    // The registration check and the session are logins 1 and 2, a reconnect the third; the next is refused.
    restartSimulatorOnSamePorts(builder -> builder.loginLockout(3, Duration.ofMinutes(1), Duration.ofSeconds(3)));
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    simulator.kick(ALICE_UIN, KickStyle.CLOSE_ONLY);
    awaitTransportOnline(alice);
    assertEquals(3, simulator.loginAttempts(ALICE_UIN));

    simulator.kick(ALICE_UIN, KickStyle.CLOSE_ONLY);
    Presence refused = alice.nextPresenceFrom(COMPONENT, p -> p.getStatus() != null
        && p.getStatus().contains("ICQ refused the login for now"), WAIT);
    long refusedAt = System.nanoTime();
    assertTrue(refusedAt > 0 && simulator.refusedLogins(ALICE_UIN) == 1, "one refused login");
    assertTrue(refused.getStatus().contains("0x001D") && refused.getStatus().contains("waits 6 s"),
        refused.getStatus());

    awaitTransportOnline(alice);
    long retriedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - refusedAt);
    assertEquals(5, simulator.loginAttempts(ALICE_UIN), "one attempt after the refusal, not a hammering");
    assertEquals(1, simulator.refusedLogins(ALICE_UIN), "the lockout was not extended");
    // The refusal's presence arrived after the refusal, the online presence after the login: this only
    // shortens what is measured.
    assertTrue(retriedAfterMillis >= wait.toMillis() - 200, "logged in again after " + retriedAfterMillis + " ms");
    alice.sendChat(jid(ECHO_UIN), "after the lockout");
    assertEquals("after the lockout",
        alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  /** An unresolvable login host fails the registration at once, naming the host, not after a 30 s timeout. */
  @Test
  void anUnknownLoginHostIsReportedWithinTwoSecondsNamingTheHost() throws Exception {
    settings.put("icq-transport.oscar.login-host", "login.nohost.invalid");
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = loginAlice();

    long start = System.nanoTime();
    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    String text = refused.getStanzaError().getDescriptiveText();
    assertTrue(text.contains("login.nohost.invalid") && text.contains("unknown host"), text);
    assertTrue(tookMillis < 2000, "reported after " + tookMillis + " ms");
  }

  /** A BOS redirect to a host that does not resolve is reported as soon as the login tries it, naming it. */
  @Test
  void aRedirectToAnUnknownBosHostIsReportedAtOnceNamingTheHost() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    simulator.advertiseBosHost("bos.nohost.invalid");

    simulator.kick(ALICE_UIN, KickStyle.CLOSE_ONLY);
    alice.nextPresenceFrom(COMPONENT, p -> p.getStatus() != null && p.getStatus().startsWith("Logging in"), WAIT);
    long loggingInAt = System.nanoTime();
    Presence failed = alice.nextPresenceFrom(COMPONENT, p -> p.getStatus() != null
        && p.getStatus().startsWith("Could not log in to ICQ"), WAIT);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggingInAt);

    assertTrue(failed.getStatus().contains("bos.nohost.invalid") && failed.getStatus().contains("unknown host"),
        failed.getStatus());
    assertTrue(tookMillis < 2000, "reported " + tookMillis + " ms after the login started");
  }

  /**
   * Re-registering (a client's "edit registration" with the same credentials) while the session is live keeps
   * it: no second login, so no "another client signed on", and the user keeps chatting.
   */
  @Test
  void registeringAgainWithALiveSessionKeepsIt() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);

    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);

    assertTrue(alice.noPresenceFrom(COMPONENT, p -> p.getMode() == Presence.Mode.dnd
        || p.getType() == Presence.Type.unavailable, Duration.ofSeconds(3)), "no sign-off, no kick");
    assertEquals(attempts, simulator.loginAttempts(ALICE_UIN), "no login");
    alice.sendChat(jid(ECHO_UIN), "still here");
    assertEquals("still here", alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  /**
   * Another Jabber user registering alice's ICQ number, even with its right password (a shared account, a
   * leaked one), gets {@code conflict}; nothing logs in with it, so alice's session is untouched.
   */
  @Test
  void registeringSomeoneElsesNumberIsAConflictAndTheOwnersSessionIsUntouched() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);
    JabberClient carol = JabberClient.login(prosody, "carol", CAROL_XMPP_PASSWORD);
    closeAfterTest(carol);

    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> carol.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD));

    assertEquals(StanzaError.Condition.conflict, refused.getStanzaError().getCondition());
    assertTrue(!refused.getStanzaError().getDescriptiveText().contains("alice"), "the owner is not named");
    assertEquals(attempts, simulator.loginAttempts(ALICE_UIN), "no login with alice's number");
    assertTrue(alice.noPresenceFrom(COMPONENT, p -> p.getMode() != Presence.Mode.available
        || p.getType() != Presence.Type.available, Duration.ofSeconds(3)), "alice's session did not change");
    alice.sendChat(jid(ECHO_UIN), "mine");
    assertEquals("mine", alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  /** The transport's presence when it stopped a session and will not log in again by itself. */
  private static boolean stopped(Presence p) {
    return p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.dnd && p.getStatus() != null
        && p.getStatus().contains("use the reconnect command");
  }

  /** Watches the login count for {@code window}: it must stay at {@code expected} the whole time. */
  private static void assertNoLoginFor(Duration window, IntSupplier logins, int expected) throws InterruptedException {
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      assertEquals(expected, logins.getAsInt(), "a login attempt within " + window);
      Thread.sleep(100);
    }
  }
}
