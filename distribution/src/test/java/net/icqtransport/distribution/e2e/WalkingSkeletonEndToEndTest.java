package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton, end to end: alice on a real Prosody registers her ICQ account, the transport logs
 * in when she is online, and she chats with the ICQ user 100002 both ways, also after a transport restart.
 */
class WalkingSkeletonEndToEndTest extends TransportEndToEndTest {
  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void aliceRegistersLogsInAndChatsWithAnIcqUserBothWaysAcrossATransportRestart() throws Exception {
    transport = startTransport();
    JabberClient alice = loginAlice();

    // A wrong ICQ password is refused at registration, and nothing is stored.
    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> alice.registerWithTransport(COMPONENT, ALICE_UIN, "not-the-password"));
    assertEquals(StanzaError.Condition.not_authorized, refused.getStanzaError().getCondition());
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isEmpty());

    // The right one registers; the transport asks for alice's presence, alice approves, and it logs in.
    alice.registerWithTransport(COMPONENT, ALICE_UIN, ALICE_ICQ_PASSWORD);
    awaitTransportOnline(alice);
    awaitSignedOnAtTheServer(ALICE_UIN);

    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    String toBob = "Grüße aus Jabber! Привет, Боб 😀";
    alice.sendChat(jid(BOB_UIN), toBob);
    assertEquals(new Text(ALICE_UIN, toBob), bob.next(Text.class, WAIT));

    String toAlice = "Hallo Alice, ü, Ж и 🎉";
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), toAlice).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message received = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT);
    assertEquals(toAlice, received.getBody());
    assertEquals(Message.Type.chat, received.getType());

    // After a restart of the transport the registration is still there, and the next message goes through.
    transport.close();
    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "100001 signed off when the transport stopped");
    transport = startTransport();
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isPresent());
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "100001 logged in again after the restart");

    String afterRestart = "Still here after the restart, ü 😀";
    alice.sendChat(jid(BOB_UIN), afterRestart);
    assertEquals(new Text(ALICE_UIN, afterRestart), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "and back").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("and back", alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT).getBody());
  }

  /**
   * A message to an offline ICQ user is kept by the ICQ server (OfflineContactMessagesEndToEndTest); one the
   * server refuses, here to a UIN it has no account for, still comes back to the sender.
   */
  @Test
  void aMessageTheIcqServerRefusesIsBouncedToTheSender() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    String nobody = "100099";
    assertFalse(simulator.isOnline(nobody));

    alice.sendChat(jid(nobody), "are you there?");
    Message bounce = alice.nextMessageFrom(jid(nobody), m -> m.getType() == Message.Type.error, WAIT);
    assertEquals(StanzaError.Condition.recipient_unavailable, bounce.getError().getCondition());
    assertEquals(0, simulator.storedOfflineMessages(nobody));
  }
}
