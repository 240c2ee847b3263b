package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.AddedBy;
import net.icqtransport.core.testing.RecordingEndpoint.AuthorizationAnswer;
import net.icqtransport.core.testing.RecordingEndpoint.AuthorizationRequest;
import net.icqtransport.core.testing.RecordingEndpoint.ContactChanged;
import net.icqtransport.core.testing.RecordingEndpoint.ContactGone;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.testing.RecordingEndpoint.Event;
import net.icqtransport.core.testing.RecordingEndpoint.State;
import net.icqtransport.core.testing.RecordingEndpoint.Typing;
import net.icqtransport.core.user.SessionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** XEP-0100 §5: what the legacy network reports reaches the user, in order, one call at a time. */
@Timeout(30)
class GatewaySessionEventsTest {

  private static final LegacyContact CAROL_ENTRY = new LegacyContact(CAROL, "Carol", "Friends");

  @Test
  void everyEventIsForwardedInTheOrderItCame() {
    GatewayHarness h = new GatewayHarness();
    h.online(ALICE, ALICE_ICQ);
    Login login = h.network.lastLogin();
    h.endpoint.clear();

    login.typing(CAROL, TypingState.TYPING);
    login.message(CAROL, "hi");
    login.authorizationRequested(DAVE, "I'm Dave");
    login.authorizationAnswered(CAROL, false, "who are you?");
    login.addedBy(DAVE);
    login.contactUpdated(CAROL_ENTRY);
    login.contactRemoved(DAVE);
    login.typing(CAROL, TypingState.STOPPED);

    assertEquals(List.<Event>of(
        new Typing(ALICE, CAROL, TypingState.TYPING),
        new Delivered(ALICE, CAROL, "hi", null),
        new AuthorizationRequest(ALICE, DAVE, "I'm Dave"),
        new AuthorizationAnswer(ALICE, CAROL, false, "who are you?"),
        new AddedBy(ALICE, DAVE),
        new ContactChanged(ALICE, CAROL_ENTRY),
        new ContactGone(ALICE, DAVE),
        new Typing(ALICE, CAROL, TypingState.STOPPED)), h.endpoint.events(ALICE));
    assertEquals(List.of(), h.endpoint.events(BOB));
  }

  @Test
  void eventsOfAClosedSessionAreIgnored() {
    GatewayHarness h = new GatewayHarness();
    h.online(ALICE, ALICE_ICQ);
    Login old = h.network.lastLogin();
    old.closed(DisconnectReason.CONNECTION_LOST, null);
    h.endpoint.clear();

    old.typing(CAROL, TypingState.TYPING);
    old.authorizationRequested(DAVE, "late");
    old.addedBy(DAVE);
    old.contactUpdated(CAROL_ENTRY);

    assertEquals(List.of(), h.endpoint.events(ALICE));
  }

  @Test
  void onAThreadPoolEventsStayInOrderWithoutOverlappingCalls() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    ExecutorService network = Executors.newFixedThreadPool(2);
    try {
      GatewayHarness h = new GatewayHarness(pool);
      h.registered(ALICE, ALICE_ICQ);
      h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
      Login login = h.network.awaitLogin(0, Duration.ofSeconds(10));
      login.succeed();
      h.endpoint.await(ALICE, events -> events.contains(new State(ALICE, SessionState.ONLINE, null)),
          Duration.ofSeconds(10));
      h.endpoint.clear();

      int rounds = 200;
      // One network thread per session, as OSCAR delivers a session's events in order.
      network.submit(() -> {
        for (int i = 0; i < rounds; i++) {
          login.typing(CAROL, TypingState.TYPING);
          login.message(CAROL, "m" + i);
          login.addedBy(DAVE);
          login.contactUpdated(new LegacyContact(CAROL, "Carol " + i, null));
        }
      }).get(10, TimeUnit.SECONDS);
      h.endpoint.await(ALICE, events -> events.size() == 4 * rounds, Duration.ofSeconds(10));

      List<Event> events = h.endpoint.events(ALICE);
      for (int i = 0; i < rounds; i++) {
        assertEquals(new Typing(ALICE, CAROL, TypingState.TYPING), events.get(4 * i));
        assertEquals(new Delivered(ALICE, CAROL, "m" + i, null), events.get(4 * i + 1));
        assertEquals(new AddedBy(ALICE, DAVE), events.get(4 * i + 2));
        assertEquals(new ContactChanged(ALICE, new LegacyContact(CAROL, "Carol " + i, null)), events.get(4 * i + 3));
      }
      assertEquals(0, h.endpoint.overlappingCalls());
    } finally {
      network.shutdownNow();
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
    }
  }
}
