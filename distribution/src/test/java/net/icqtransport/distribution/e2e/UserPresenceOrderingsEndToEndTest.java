package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Test;

/**
 * Orderings of a user's presence that real users and a real Prosody 0.12 produce, end to end (issue #15, 1 and
 * 2): a new user who writes before accepting the transport's subscription request, and the server's
 * "every resource is gone" (an {@code unavailable} from the bare JID) while the transport knows two resources.
 */
class UserPresenceOrderingsEndToEndTest extends TransportEndToEndTest {
  /** How long a stopped session is watched for a login that must not come (the simulator logs in within ms). */
  private static final Duration NO_LOGIN_WINDOW = Duration.ofSeconds(3);

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  /**
   * Issue #15, 1: alice registers and, before answering the transport's {@code subscribe}, writes to bob. The
   * transport used to probe her for that stanza (take-over probe, even with one instance); Prosody answers a
   * probe from an entity without a subscription with {@code unsubscribed} on alice's behalf (mod_presence,
   * inbound probe), which cancels the transport's pending request, so alice's later {@code subscribed} was kept
   * by Prosody as a mere pre-approval and never reached the transport: she could never log in. The ping after
   * the message makes the order exact: the transport has handled the message (and sent any probe, which Prosody
   * handles before it routes the ping's answer) before alice says yes.
   */
  @Test
  void aNewUserWhoWritesBeforeAcceptingTheSubscriptionStillLogsIn() throws Exception {
    transport = startTransport();
    JabberClient alice = JabberClient.loginAnsweringSubscriptionsMyself(prosody, "alice", ALICE_XMPP_PASSWORD);
    closeAfterTest(alice);
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    alice.nextPresenceFrom(COMPONENT, p -> p.getType() == Presence.Type.subscribe, WAIT);
    alice.sendChat(jid(BOB_UIN), "written before saying yes to the transport");
    alice.ping(COMPONENT);
    alice.approveSubscription(COMPONENT);

    awaitTransportOnline(alice);
    awaitSignedOnAtTheServer(ALICE_UIN); // the transport logged alice in to ICQ
    alice.sendChat(jid(BOB_UIN), "now through the transport");
    assertEquals(new Text(ALICE_UIN, "now through the transport"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "and back").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("and back", alice.nextMessageFrom(jid(BOB_UIN), m -> "and back".equals(m.getBody()), WAIT).getBody());
  }

  /**
   * Issue #15, 2: alice has two resources that are available to the transport only (directed presence, RFC 6121
   * §4.6, as a client does that shows itself to the transport alone), so the transport logs her in. One resource
   * says {@code subscribed} to the transport once more (clients re-send it); the transport answers with a probe,
   * and Prosody, which counts no resource with broadcast presence, answers the probe with {@code unavailable}
   * from alice's bare JID (mod_presence, inbound probe): every resource is gone. The transport ends the session.
   * A status-message command and an invisibility command afterwards must not bring it back: they used to replay
   * the two forgotten resources into the bridge (the bare-JID unavailable forgot only the resource "").
   */
  @Test
  void afterTheServerSaysEveryResourceIsGoneCommandsDoNotBringTheSessionBack() throws Exception {
    transport = startTransport();
    registeredAlice().close(); // her usual client registers, then leaves (unavailable from its full JID)
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "alice's session ended with her client");
    JabberClient laptop = JabberClient.loginWithoutPresence(prosody, "alice", ALICE_XMPP_PASSWORD, "laptop");
    closeAfterTest(laptop);
    JabberClient phone = JabberClient.loginWithoutPresence(prosody, "alice", ALICE_XMPP_PASSWORD, "phone");
    closeAfterTest(phone);
    laptop.sendPresence(COMPONENT, Presence.Type.available);
    phone.sendPresence(COMPONENT, Presence.Type.available);
    laptop.ping(COMPONENT); // the transport has recorded both resources once both pings are answered
    phone.ping(COMPONENT);
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "the transport logged alice in for her two resources");

    laptop.sendPresence(COMPONENT, Presence.Type.subscribed);
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT,
        "the transport ended alice's session on Prosody's unavailable from her bare JID; Prosody's log:\n"
            + prosody.log());
    int logins = simulator.loginAttempts(ALICE_UIN);

    AdHocCommandData form = laptop.executeCommand(COMPONENT, "status-message");
    AdHocCommandData statusSet = laptop.submitCommand(COMPONENT, form, Map.of("status", "back soon"));
    String note = statusSet.getNotes().stream().map(AdHocCommandNote::getValue).findFirst().orElse("");
    assertTrue(note.contains("it applies when you are next online"),
        "the status message waits for alice's next presence, no resource is left to apply it to: " + note);
    laptop.executeCommand(COMPONENT, "invisibility");

    assertNoLoginFor(NO_LOGIN_WINDOW, logins);
    assertFalse(simulator.isOnline(ALICE_UIN), "the commands did not bring alice's ICQ session back");
  }

  private void assertNoLoginFor(Duration window, int expected) throws InterruptedException {
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      assertEquals(expected, simulator.loginAttempts(ALICE_UIN), "a login attempt within " + window);
      Thread.sleep(100);
    }
  }
}
