package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.RecordingEndpoint.ContactStatus;
import org.junit.jupiter.api.Test;

/**
 * A contact's away message, which ICQ sends only when asked: the bridge asks once per away status and reports the
 * presence again with the text, so the XMPP side gets complete presences and never calls back for them (issue #15).
 */
class GatewayAwayMessagesTest {
  private final GatewayHarness h = new GatewayHarness();

  private List<ContactStatus> carolsStatuses() {
    return h.endpoint.events().stream()
        .filter(ContactStatus.class::isInstance).map(ContactStatus.class::cast)
        .filter(status -> status.contact().equals(CAROL)).toList();
  }

  private long fetches(FakeSession session) {
    return session.calls().stream().filter(call -> call.operation().equals("fetchStatusMessage")).count();
  }

  @Test
  void anAwayMessageIsFetchedOncePerStatusChangeAndReportedWithThePresence() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    h.network.lastLogin().listener().contactPresenceChanged(CAROL, LegacyPresence.of(LegacyStatus.AWAY));
    h.network.lastLogin().listener().contactPresenceChanged(CAROL, LegacyPresence.of(LegacyStatus.AWAY));
    alice.lastCall().result().complete(Optional.of("back at 3"));
    h.network.lastLogin().listener().contactPresenceChanged(CAROL, LegacyPresence.of(LegacyStatus.AWAY));

    assertEquals(1, fetches(alice), "asked once for the one away status");
    assertEquals(List.of(
        new ContactStatus(ALICE, CAROL, LegacyStatus.AWAY, null),
        new ContactStatus(ALICE, CAROL, LegacyStatus.AWAY, null),
        new ContactStatus(ALICE, CAROL, LegacyStatus.AWAY, "back at 3"),
        new ContactStatus(ALICE, CAROL, LegacyStatus.AWAY, "back at 3")), carolsStatuses());
  }

  @Test
  void aLateAwayMessageForAnOldStatusIsDropped() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    h.network.lastLogin().listener().contactPresenceChanged(CAROL, LegacyPresence.of(LegacyStatus.AWAY));
    h.network.lastLogin().listener().contactPresenceChanged(CAROL, LegacyPresence.of(LegacyStatus.ONLINE));
    alice.lastCall().result().complete(Optional.of("back at 3"));

    assertEquals(List.of(
        new ContactStatus(ALICE, CAROL, LegacyStatus.AWAY, null),
        new ContactStatus(ALICE, CAROL, LegacyStatus.ONLINE, null)), carolsStatuses());
  }

  @Test
  void aStatusThatCameWithItsTextIsNotAskedFor() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    h.network.lastLogin().listener().contactPresenceChanged(CAROL,
        new LegacyPresence(LegacyStatus.NOT_AVAILABLE, "gone home", null));

    assertEquals(0, fetches(alice));
    assertEquals(List.of(new ContactStatus(ALICE, CAROL, LegacyStatus.NOT_AVAILABLE, "gone home")), carolsStatuses());
  }
}
