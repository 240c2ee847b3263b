package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM does ({@code TransportApplication.close()}, run by the shutdown hook): the user's ICQ session
 * is signed off, her client hears that her ICQ contacts and the transport went offline, and the registration
 * is still in the database at the next start. What arrives while the transport stops is answered or kept, never
 * dropped (issue #21).
 */
class GracefulShutdownEndToEndTest extends TransportEndToEndTest {
  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void closingSignsUsersOffAndTellsThemTheirContactsAndTheTransportAreOffline() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.available, WAIT);
    awaitSignedOnAtTheServer(ALICE_UIN);

    transport.close();
    transport = null;

    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.unavailable, WAIT);
    alice.nextPresenceFrom(COMPONENT, p -> p.getType() == Presence.Type.unavailable, WAIT);
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "100001 signed off ICQ by the shutdown");

    // The database was closed cleanly: the registration is there at the next start.
    transport = startTransport();
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isPresent());
    assertFalse(transport.registrations().all().isEmpty());
  }

  /**
   * Between the sign-off and the close ({@code stopServing()}, the first half of {@code close()}, which SIGTERM
   * runs without a pause): alice's message to ICQ is answered with a {@code wait} error she can send again, and
   * bob's message to alice, who is off ICQ now, is kept by the ICQ server and reaches her after the restart.
   */
  @Test
  void whileTheTransportStopsAMessageToIcqIsAnsweredAndOneFromIcqArrivesAfterTheRestart() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.available, WAIT);

    transport.stopServing();
    alice.nextPresenceFrom(COMPONENT, p -> p.getType() == Presence.Type.unavailable, WAIT);
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "100001 signed off ICQ");
    alice.sendChat(jid(BOB_UIN), "sent while the transport stops");
    Message bounce = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getType() == Message.Type.error, WAIT);
    assertEquals("sent while the transport stops", bounce.getBody());
    StanzaError error = bounce.getError();
    assertNotNull(error);
    assertEquals(StanzaError.Condition.service_unavailable, error.getCondition());
    assertEquals(StanzaError.Type.WAIT, error.getType(), "the client may send it again");
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "from bob while the transport stops")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    transport.close();
    transport = null;

    transport = startTransport();
    Message late = alice.nextMessageFrom(jid(BOB_UIN), m -> "from bob while the transport stops".equals(m.getBody()),
        WAIT);
    assertNotNull(JabberClient.delayStamp(late), "kept on the way, so stamped with its time (XEP-0203)");
  }
}
