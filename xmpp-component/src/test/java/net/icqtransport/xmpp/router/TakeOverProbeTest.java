package net.icqtransport.xmpp.router;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import net.icqtransport.xmpp.testing.Stanzas;
import org.junit.jupiter.api.Test;

/**
 * The take-over probe of several instances (docs/scaling.md), decided on the user's {@code XmppUser}: at most
 * once per interval, and never while the transport's subscription request to the user is pending (issue #15:
 * the user's server answers such a probe {@code unsubscribed} and cancels the request).
 */
class TakeOverProbeTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final String MESSAGE =
      "<message type='chat' from='alice@localhost/pc' to='123456@icq.localhost'><body>hi</body></message>";
  private static final String PROBE = "<presence type='probe' from='icq.localhost' to='alice@localhost'/>";

  private final RouterFixture fixture = new RouterFixture();
  private final TakeOverProbe probe = new TakeOverProbe(fixture.addresses, fixture.sender, user -> true,
      user -> false, fixture.users, Duration.ofSeconds(5), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void aRegisteredUserWithoutASessionIsProbedOncePerInterval() {
    assertTrue(probe.inspect(Stanzas.parse(MESSAGE)));
    assertFalse(probe.inspect(Stanzas.parse(MESSAGE)), "not again within the interval");

    assertStanzas(fixture.sender.sent(), PROBE);
  }

  @Test
  void noProbeWhileTheTransportsSubscriptionRequestIsPending() {
    fixture.user(ALICE).subscriptionRequested(); // the user has just registered: subscribe sent, no answer yet

    assertFalse(probe.inspect(Stanzas.parse(MESSAGE)));
    assertStanzas(fixture.sender.sent());

    fixture.receive("<presence type='subscribed' from='alice@localhost' to='icq.localhost'/>");
    fixture.sender.clear();
    assertTrue(probe.inspect(Stanzas.parse(MESSAGE)), "once granted, the take-over probe may go");
    assertStanzas(fixture.sender.sent(), PROBE);
  }

  @Test
  void noProbeAfterTheUserRefusedTheSubscription() {
    fixture.user(ALICE).subscriptionRequested();
    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='icq.localhost'/>"); // asked again
    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='icq.localhost'/>"); // the user's no
    fixture.sender.clear();

    assertFalse(probe.inspect(Stanzas.parse(MESSAGE)));
    assertStanzas(fixture.sender.sent());
  }
}
