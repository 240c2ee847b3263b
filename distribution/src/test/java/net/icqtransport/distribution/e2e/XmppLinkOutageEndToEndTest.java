package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;

/**
 * Only the component's link to the XMPP server goes away (a TCP proxy between the transport and Prosody's
 * component port cuts it) while alice stays online in Prosody: messages from ICQ meanwhile are kept in the
 * durable outbox and reach alice after the link is back, in order, each with an XEP-0203 delay stamp of the
 * time the transport received it. They are handed over at alice's available presence, the server's answer to
 * the component's probe after the reconnection (XEP-0100 §4.4).
 */
class XmppLinkOutageEndToEndTest extends TransportEndToEndTest {
  private StallingTcpProxy componentLink;

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Override
  protected Map<String, Object> transportSettings() {
    return Map.of("icq-transport.xmpp.port", componentLink.port());
  }

  @Test
  void messagesFromIcqWhileTheComponentLinkIsCutArriveAfterItInOrderWithDelayStamps() throws Exception {
    componentLink = new StallingTcpProxy(prosody.componentPort());
    closeAfterTest(componentLink);
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    Instant cutAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    componentLink.cut();
    Await.until(() -> !XmppLinkHealth.connected(transport), WAIT, "the transport noticed the cut");
    List<String> texts = List.of("one while the link is down", "two while the link is down", "three");
    for (String text : texts) {
      bob.session().sendMessage(new LegacyContactId(ALICE_UIN), text).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    Thread.sleep(500); // let the transport receive them while the link is still down
    Instant restoredAt = Instant.now();
    componentLink.restore();

    Await.until(() -> XmppLinkHealth.connected(transport), WAIT, "the component reconnected");
    assertTrue(alice.connection().isAuthenticated(), "alice stayed online in Prosody all along");
    for (String text : texts) {
      Message message = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT);
      assertEquals(text, message.getBody(), "all three, in order");
      Instant stamp = JabberClient.delayStamp(message);
      assertNotNull(stamp, "a delay stamp (XEP-0203) on \"" + text + "\"");
      assertTrue(!stamp.isBefore(cutAt) && stamp.isBefore(restoredAt),
          "stamped with when the transport received it, during the cut: " + stamp + " not in [" + cutAt + ", "
              + restoredAt + ")");
    }

    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "live again").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message live = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT);
    assertEquals("live again", live.getBody());
    assertEquals(null, JabberClient.delayStamp(live), "a live message has no stamp");
  }
}
