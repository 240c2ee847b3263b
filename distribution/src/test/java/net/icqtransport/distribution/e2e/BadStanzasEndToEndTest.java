package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.StringUtils;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Bad input from a Jabber user, through a real Prosody, gets an error reply (RFC 6120 §8.3) and loses nothing:
 * a body over {@code access.max-message-bytes} is {@code not-acceptable} without echoing it, a contact address
 * that is no ICQ number is {@code jid-malformed}, an IQ the transport does not know is
 * {@code feature-not-implemented} (or {@code service-unavailable}); the transport goes on, and the next good
 * message reaches ICQ in order.
 */
class BadStanzasEndToEndTest extends TransportEndToEndTest {
  /** Over the default limit of 64 KiB of UTF-8, under Prosody's own c2s stanza limit (256 KiB). */
  private static final int HUGE = 100 * 1024;

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder);
  }

  @Test
  void badStanzasGetErrorRepliesAndTheTransportGoesOn() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    alice.sendChat(jid(BOB_UIN), "before");
    assertEquals(new Text(ALICE_UIN, "before"), bob.next(Text.class, WAIT));

    String huge = StringUtils.randomString(HUGE);
    alice.sendChat(jid(BOB_UIN), huge);
    Message tooLarge = alice.nextMessageFrom(jid(BOB_UIN), m -> m.getType() == Message.Type.error, WAIT);
    assertEquals(StanzaError.Condition.not_acceptable, tooLarge.getError().getCondition());
    assertTrue(tooLarge.getBody() == null || tooLarge.getBody().length() < HUGE, "the body is not echoed back");

    String notAUin = "not-a-number@" + COMPONENT;
    alice.sendChat(notAUin, "to nobody");
    Message malformed = alice.nextMessageFrom(notAUin, m -> m.getType() == Message.Type.error, WAIT);
    assertEquals(StanzaError.Condition.jid_malformed, malformed.getError().getCondition());

    // Issue #14 (6): OSCAR carries UINs in 32 bits; 2^32 + 1 would wrap around to UIN 1 if it were sent.
    String beyond32Bits = "4294967297@" + COMPONENT;
    alice.sendChat(beyond32Bits, "to a wrapped-around number");
    Message tooBig = alice.nextMessageFrom(beyond32Bits, m -> m.getType() == Message.Type.error, WAIT);
    assertEquals(StanzaError.Condition.jid_malformed, tooBig.getError().getCondition());

    IQ unknown = new IQ("query", "urn:example:no-such-feature") {
      @Override
      protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        xml.setEmptyElement();
        return xml;
      }
    };
    unknown.setType(IQ.Type.get);
    unknown.setTo(JidCreate.from(COMPONENT));
    IQ answer = alice.connection().createStanzaCollectorAndSend(unknown).nextResult(WAIT.toMillis());
    assertEquals(IQ.Type.error, answer.getType(), "an unknown IQ is answered with an error");
    assertTrue(answer.getError().getCondition() == StanzaError.Condition.feature_not_implemented
        || answer.getError().getCondition() == StanzaError.Condition.service_unavailable,
        "unknown IQ answered with " + answer.getError().getCondition());

    alice.sendChat(jid(BOB_UIN), "after");
    Text next = bob.next(Text.class, WAIT);
    assertEquals(new Text(ALICE_UIN, "after"), next, "nothing of the bad input reached ICQ, and chat goes on");
  }
}
