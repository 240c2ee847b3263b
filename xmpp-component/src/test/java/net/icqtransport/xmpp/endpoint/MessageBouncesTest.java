package net.icqtransport.xmpp.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message the transport wrote to a user and the user's server bounced (RFC 6120 §8.3, RFC 6121 §8.5.2) goes
 * back to the gateway to be kept; stanzas in through the router, calls out to the gateway.
 */
class MessageBouncesTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");
  private static final Instant SENT = Instant.parse("2024-05-01T10:15:30.250Z");

  private final RouterFixture fixture = new RouterFixture();

  /** The server's bounce of message {@code id}: the original's addresses swapped, its body echoed. */
  private void bounce(String id, String from, String to, String condition) {
    fixture.receive("<message type='error' id='" + id + "' from='" + from + "' to='" + to + "'>"
        + "<body>are you there?</body><error type='cancel'><" + condition
        + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
  }

  private void bounce(String id) {
    bounce(id, "alice@localhost", "123456@icq.localhost", "service-unavailable");
  }

  @Test
  void aBouncedMessageGoesBackToTheGatewayWithItsOriginalTime() {
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT);
    assertEquals("t-m1", fixture.sender.sent().get(0).getID());
    fixture.sender.clear();

    bounce("t-m1");

    verify(fixture.gateway).undeliverable(ALICE, BOB, "are you there?", SENT);
    assertTrue(fixture.sender.sent().isEmpty(), "an error is never answered (RFC 6120 §8.3.1)");
    verify(fixture.gateway, never()).sendMessage(any(), any(), anyString()); // its echoed body is no new message
  }

  @Test
  void aLiveMessageBouncedIsKeptWithTheTimeItWasWritten() {
    Instant before = Instant.now();
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", null);

    bounce("t-m1");

    verify(fixture.gateway).undeliverable(eq(ALICE), eq(BOB), eq("are you there?"),
        argThat(time -> !time.isBefore(before) && !time.isAfter(Instant.now())));
  }

  @Test
  void aSecondBounceOfTheSameMessageIsIgnored() {
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT);

    bounce("t-m1");
    bounce("t-m1");

    verify(fixture.gateway, times(1)).undeliverable(any(), any(), anyString(), any());
  }

  @Test
  void bouncesMatchingNoRecentMessageAreIgnored() {
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT);

    bounce("t-m2"); // an id the transport never gave
    bounce("someone-elses-id");
    bounce("t-m1", "mallory@localhost", "123456@icq.localhost", "service-unavailable"); // not from alice
    bounce("t-m1", "alice@localhost", "654321@icq.localhost", "service-unavailable"); // not to the sender
    fixture.receive("<message type='error' from='alice@localhost' to='123456@icq.localhost'>"
        + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");

    verify(fixture.gateway, never()).undeliverable(any(), any(), anyString(), any());
    assertTrue(fixture.sender.sent().stream().allMatch(p -> "t-m1".equals(p.getID())), "nothing answered");

    bounce("t-m1"); // the real bounce still matches after those
    verify(fixture.gateway).undeliverable(ALICE, BOB, "are you there?", SENT);
  }

  @Test
  void aBounceFromAResourceOfTheUserCounts() {
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT);

    bounce("t-m1", "alice@localhost/phone", "123456@icq.localhost/icq", "recipient-unavailable");

    verify(fixture.gateway).undeliverable(ALICE, BOB, "are you there?", SENT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-acceptable", "policy-violation", "forbidden", "bad-request"})
  void aMessageTheServerRefusesForGoodIsNotKeptAndTheIcqContactIsTold(String condition) {
    when(fixture.gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT);

    bounce("t-m1", "alice@localhost", "123456@icq.localhost", condition);

    verify(fixture.gateway, never()).undeliverable(any(), any(), anyString(), any());
    verify(fixture.gateway).sendMessage(ALICE, BOB, "[ICQ transport] Your last message was not delivered to this "
        + "Jabber user: their server refused it (" + condition.replace('-', ' ') + ").");
  }

  @Test
  void aMessageThatWasNeverWrittenIsForgotten() {
    fixture.sender.failConfirmedSends(); // no link: the bridge keeps the message itself
    fixture.endpoint.deliverMessage(ALICE, BOB, "are you there?", SENT).exceptionally(failure -> null);

    bounce("t-m1");

    verify(fixture.gateway, never()).undeliverable(any(), any(), anyString(), any());
  }
}
