package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;

/**
 * Issue #17, end to end on Prosody: a Jabber user blocks an ICQ contact with the chat command {@code block}; the
 * block is a deny item on the OSCAR server, so the contact's messages are refused there, the contact is shown
 * offline, and the block is still there after the transport logged in again. {@code unblock} lets the contact
 * through again.
 */
class BlockingEndToEndTest extends TransportEndToEndTest {

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void aBlockedIcqContactNoLongerReachesTheUserUntilUnblockedAndTheBlockOutlivesALogin() throws Exception {
    transport = startTransport();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    JabberClient alice = registeredAlice();
    alice.nextMessageFrom(COMPONENT, m -> m.getBody() != null && m.getBody().startsWith("Welcome"), WAIT);
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.available, WAIT);

    assertEquals("You block 100002 now: their messages and presence no longer reach you, and they see you offline.",
        ask(alice, "block 100002"));
    alice.nextPresenceFrom(jid(BOB_UIN), p -> p.getType() == Presence.Type.unavailable, WAIT);
    ExecutionException refused = assertThrows(ExecutionException.class, () -> bob.session()
        .sendMessage(new LegacyContactId(ALICE_UIN), "can you hear me?").get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertInstanceOf(MessageRejectedException.class, refused.getCause(), "refused by the ICQ server: " + refused);
    assertEquals("You block:\n100002", ask(alice, "blocked"));

    // A new login (the reconnect command) reads the deny list from the server again.
    int logins = simulator.loginAttempts(ALICE_UIN);
    assertEquals("Reconnecting to ICQ…", ask(alice, "reconnect"));
    Await.until(() -> simulator.loginAttempts(ALICE_UIN) > logins, WAIT, "the transport logged in to ICQ again");
    awaitTransportOnline(alice);
    assertEquals("You block:\n100002", ask(alice, "blocked"));
    assertThrows(ExecutionException.class, () -> bob.session()
        .sendMessage(new LegacyContactId(ALICE_UIN), "still blocked?").get(WAIT.toSeconds(), TimeUnit.SECONDS));

    assertEquals("100002 is no longer blocked.", ask(alice, "unblock 100002@icq.localhost"));
    assertEquals("You block nobody.", ask(alice, "blocked"));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "hello again").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message first = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT);
    assertEquals("hello again", first.getBody(), "nothing sent during the block came through");
  }

  /** Sends a command line to the transport and returns the body of its answer. */
  private static String ask(JabberClient client, String line) throws Exception {
    client.sendChat(COMPONENT, line);
    return client.nextMessageFrom(COMPONENT, m -> m.getBody() != null && m.getType() == Message.Type.chat, WAIT)
        .getBody();
  }
}
