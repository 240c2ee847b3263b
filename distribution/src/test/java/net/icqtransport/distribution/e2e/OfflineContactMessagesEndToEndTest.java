package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

/**
 * Messages to an offline ICQ contact (issue 15, item 5), end to end on a real Prosody: the transport sends them
 * with TLV 0x06, the ICQ server keeps them, and the contact gets them as offline messages (15/03 0x0041) with
 * their sending time when they sign on; the Jabber sender gets no bounce.
 */
class OfflineContactMessagesEndToEndTest extends TransportEndToEndTest {
  private static final String FIRST = "Grüße aus Jabber, während du weg warst";
  private static final String SECOND = "Привет, Боб! Ещё одно 😀";

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void messagesToAnOfflineIcqContactAreKeptByTheServerAndArriveWhenTheContactSignsOn() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    assertFalse(simulator.isOnline(BOB_UIN));

    Instant before = Instant.now();
    alice.sendChat(jid(BOB_UIN), FIRST);
    alice.sendChat(jid(BOB_UIN), SECOND);
    Await.until(() -> simulator.storedOfflineMessages(BOB_UIN) == 2, WAIT,
        "the ICQ server stored both messages for the offline 100002");
    Instant after = Instant.now();

    // Bob signs on with our own OSCAR client and fetches what the server kept (15/02 0x003C).
    OfflineMessages bob = new OfflineMessages();
    IcqNetwork network = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1")
        .withLoginPort(simulator.loginAddress().getPort()));
    closeAfterTest(network);
    LegacySession bobSession = network.open(new LegacyCredentials(new LegacyContactId(BOB_UIN), BOB_ICQ_PASSWORD),
        bob).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    closeAfterTest(bobSession::close);
    List<OfflineMessage> received = bob.delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertEquals(List.of(FIRST, SECOND), received.stream().map(OfflineMessage::text).toList(), "both, in order");
    for (OfflineMessage message : received) {
      assertEquals(new LegacyContactId(ALICE_UIN), message.from());
      // Sent while bob was away; the server keeps the time to the minute (15/03 0x0041).
      assertFalse(message.sentAt().isBefore(before.truncatedTo(ChronoUnit.MINUTES)), message.toString());
      assertFalse(message.sentAt().isAfter(after), message.toString());
    }
    bob.confirmation.confirm();
    Await.until(() -> simulator.storedOfflineMessages(BOB_UIN) == 0, WAIT,
        "bob's client had the server delete what it delivered (15/02 0x003E)");

    // Nothing bounced: bob's answer is the first thing alice gets from his address (a bounce would come first).
    bobSession.sendMessage(new LegacyContactId(ALICE_UIN), "Danke, alles angekommen")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message first = alice.nextMessageFrom(jid(BOB_UIN),
        m -> m.getType() == Message.Type.error || m.getBody() != null, WAIT);
    assertEquals(Message.Type.chat, first.getType(), first.toXML().toString());
    assertEquals("Danke, alles angekommen", first.getBody());
  }

  /** An ICQ client that only takes its offline messages (IcqUser leaves them on the server). */
  private static final class OfflineMessages implements LegacyListener {
    final CompletableFuture<List<OfflineMessage>> delivered = new CompletableFuture<>();
    volatile DeliveryConfirmation confirmation;

    @Override
    public void offlineMessagesReceived(List<OfflineMessage> messages, DeliveryConfirmation confirmation) {
      this.confirmation = confirmation;
      delivered.complete(List.copyOf(messages));
    }

    @Override
    public void contactListReceived(List<LegacyContact> contacts) {}

    @Override
    public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {}

    @Override
    public void messageReceived(LegacyContactId from, String text, Instant sentAt) {}

    @Override
    public void sessionClosed(DisconnectReason reason, String detail) {}
  }
}
