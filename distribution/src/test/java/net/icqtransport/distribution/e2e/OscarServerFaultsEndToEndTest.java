package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

/**
 * Faults on the ICQ side, end to end with short timers ({@link FaultTimers}): the OSCAR server restarting, a
 * stalled BOS socket, another client taking the account, the password changed elsewhere. The transport
 * tells the user through its own presence (XEP-0100 §4.4) and reconnects with backoff only where that can
 * help; messages from Jabber meanwhile wait in the bounded queue or are bounced (XEP-0100 §4.8), never dropped.
 */
class OscarServerFaultsEndToEndTest extends TransportEndToEndTest {
  private static final String ECHO_UIN = "100009";
  /** Long enough for a client in a retry loop to try again several times (the backoff caps at 2 s). */
  private static final Duration NO_RETRY_WINDOW = Duration.ofSeconds(6);

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder)
        .echoBot(ECHO_UIN);
  }

  @Test
  void anOscarServerRestartIsSurvivedAndAMessageSentMeanwhileIsDeliveredAfterIt() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();

    simulator.close();
    Presence reconnecting = alice.nextPresenceFrom(COMPONENT, OscarServerFaultsEndToEndTest::reconnecting, WAIT);
    assertTrue(reconnecting.getStatus().contains("retrying in"), reconnecting.getStatus());
    alice.sendChat(jid(ECHO_UIN), "sent while ICQ was down");

    restartSimulatorOnSamePorts(builder -> { });
    awaitTransportOnline(alice);
    assertEquals("sent while ICQ was down",
        alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());

    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.sendChat(jid(BOB_UIN), "after the restart");
    assertEquals(new Text(ALICE_UIN, "after the restart"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "and back").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("and back", alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  @Test
  void aMessageWaitingLongerThanTheQueueTimeoutIsBouncedNotDropped() throws Exception {
    transport = startTransport(FaultTimers.fast(Duration.ofSeconds(3)));
    JabberClient alice = registeredAlice();

    simulator.close();
    alice.nextPresenceFrom(COMPONENT, OscarServerFaultsEndToEndTest::reconnecting, WAIT);
    alice.sendChat(jid(ECHO_UIN), "nobody will carry this");
    Message bounce = alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getType() == Message.Type.error, WAIT);
    assertTrue(bounce.getError() != null, "a bounce carries an error: " + bounce.toXML());
  }

  @Test
  void aStalledBosSocketIsNoticedByTheReaderIdleTimeoutAndTheSessionReconnects() throws Exception {
    StallingTcpProxy proxy = new StallingTcpProxy(simulator.bosAddress().getPort());
    closeAfterTest(proxy);
    simulator.advertiseBosPort(proxy.port());
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    alice.sendChat(jid(ECHO_UIN), "through the proxy");
    assertEquals("through the proxy", alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());
    int connectionsBefore = proxy.connections();

    proxy.stallOpenConnections();
    long stalledAt = System.nanoTime();
    Presence lost = alice.nextPresenceFrom(COMPONENT, OscarServerFaultsEndToEndTest::reconnecting, WAIT);
    long noticedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalledAt);
    assertTrue(lost.getStatus().contains("connection lost"), lost.getStatus());
    // The reader-idle timeout is 3 s; the defaults (180 s) would not notice within the wait.
    assertTrue(noticedAfterMillis < WAIT.toMillis(), "noticed after " + noticedAfterMillis + " ms");

    awaitTransportOnline(alice);
    assertTrue(proxy.connections() > connectionsBefore, "a new BOS connection was made");
    alice.sendChat(jid(ECHO_UIN), "after the stall");
    assertEquals("after the stall", alice.nextMessageFrom(jid(ECHO_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  @Test
  void anotherClientSigningOnWithTheAccountIsReportedAndNotFoughtOver() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    int attempts = simulator.loginAttempts(ALICE_UIN);

    icqUser(ALICE_UIN, ALICE_ICQ_PASSWORD); // the official client, say, on another computer
    Presence told = alice.nextPresenceFrom(COMPONENT, p -> p.getMode() == Presence.Mode.dnd, WAIT);
    assertTrue(told.getStatus().contains("Another client signed on to ICQ"), told.getStatus());

    Thread.sleep(NO_RETRY_WINDOW.toMillis());
    assertEquals(attempts + 1, simulator.loginAttempts(ALICE_UIN), "only the other client logged in");
    assertTrue(simulator.isOnline(ALICE_UIN), "the other client is still online");
  }

  @Test
  void aPasswordChangedOnTheIcqSideParksTheSessionWithoutARetryLoop() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();

    // The password is changed with the official client; the server then restarts and drops every session.
    restartSimulatorOnSamePorts(builder -> builder.account(ALICE_UIN, "changed-elsewhere"));
    Presence told = alice.nextPresenceFrom(COMPONENT, p -> p.getMode() == Presence.Mode.dnd, WAIT);
    assertTrue(told.getStatus().contains("wrong password"), told.getStatus());
    int attempts = simulator.loginAttempts(ALICE_UIN);
    assertEquals(1, attempts, "one login with the old password");

    Thread.sleep(NO_RETRY_WINDOW.toMillis());
    assertEquals(attempts, simulator.loginAttempts(ALICE_UIN), "no retry with a password known to be wrong");
  }

  /** The transport's presence while it waits to reconnect: away-ish, saying why and when. */
  private static boolean reconnecting(Presence p) {
    return p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.xa && p.getStatus() != null
        && p.getStatus().startsWith("Disconnected from ICQ");
  }
}
