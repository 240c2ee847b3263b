package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.icqtransport.core.user.UserAddress;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

/**
 * What SIGTERM does ({@code TransportApplication.close()}, run by the shutdown hook): the user's ICQ session
 * is signed off, her client hears that her ICQ contacts and the transport went offline, and the registration
 * is still in the database at the next start.
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
    assertTrue(simulator.isOnline(ALICE_UIN));

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
}
