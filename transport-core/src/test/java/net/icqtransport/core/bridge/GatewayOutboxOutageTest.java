package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.MemoryContactSyncStore;
import net.icqtransport.core.registration.MemoryPendingDeliveryStore;
import net.icqtransport.core.registration.PendingDelivery;
import net.icqtransport.core.registration.PendingDeliveryStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.testing.FakeLegacyNetwork.Login;
import net.icqtransport.core.testing.RecordingEndpoint.Delivered;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two faults at once: the XMPP side cannot take messages from ICQ and the outbox's database is down. The
 * messages are held in memory, in order, moved to the outbox when it answers again, and redelivered at the
 * user's next available presence with their times as delay stamps (XEP-0203).
 */
@Timeout(20)
class GatewayOutboxOutageTest {

  /** The outbox, with a switch that makes every call fail as a database outage does. */
  private static final class SwitchableOutbox implements PendingDeliveryStore {
    private final MemoryPendingDeliveryStore stored = new MemoryPendingDeliveryStore();
    private volatile boolean down;

    private void check() {
      if (down) {
        throw new StoreException("the outbox's database is down", new java.sql.SQLException("Connection refused"));
      }
    }

    @Override
    public PendingDelivery add(UserAddress user, LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
      check();
      return stored.add(user, from, text, sentAt, receivedAt);
    }

    @Override
    public List<PendingDelivery> pending(UserAddress user) {
      check();
      return stored.pending(user);
    }

    @Override
    public int count(UserAddress user) {
      check();
      return stored.count(user);
    }

    @Override
    public boolean delete(long id) {
      check();
      return stored.delete(id);
    }

    @Override
    public List<UserAddress> users() {
      check();
      return stored.users();
    }
  }

  private final SwitchableOutbox outbox = new SwitchableOutbox();
  private final GatewayHarness h = new GatewayHarness(outbox, new MemoryContactSyncStore());

  private Login aliceOnline() {
    h.online(ALICE, ALICE_ICQ);
    h.endpoint.clear();
    return h.network.lastLogin();
  }

  private List<String> stored() {
    return outbox.stored.pending(ALICE).stream().map(PendingDelivery::text).toList();
  }

  @Test
  void messagesTheOutboxCannotTakeAreHeldInOrderAndMovedToItWhenItAnswers() {
    Login login = aliceOnline();
    h.endpoint.failDeliveries();
    login.message(CAROL, "kept before the outage");
    outbox.down = true;

    login.message(CAROL, "held one");
    login.message(DAVE, "held two");
    assertEquals(List.of("kept before the outage"), stored(), "nothing reached the outbox meanwhile");

    outbox.down = false;
    login.message(CAROL, "after the outage");
    assertEquals(List.of("kept before the outage", "held one", "held two", "after the outage"), stored(),
        "held messages go to the outbox first, in the order they arrived");

    h.endpoint.writeDeliveries();
    h.endpoint.clear();
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    assertEquals(List.of("kept before the outage", "held one", "held two", "after the outage"),
        h.endpoint.written(ALICE).stream().map(Delivered::text).toList());
    assertEquals(List.of(), stored());
  }

  @Test
  void aPresenceWhileTheOutboxIsStillDownKeepsThemHeldAndTheNextOneDeliversThem() {
    Login login = aliceOnline();
    h.endpoint.failDeliveries();
    outbox.down = true;
    login.message(CAROL, "held");

    h.endpoint.writeDeliveries();
    h.endpoint.clear();
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    assertEquals(List.of(), h.endpoint.written(ALICE), "not before the outbox has it: order comes first");

    outbox.down = false;
    h.gateway.userAvailable(ALICE, "laptop", 5, LegacyStatus.ONLINE, null);
    assertEquals(List.of("held"), h.endpoint.written(ALICE).stream().map(Delivered::text).toList());
  }

  @Test
  void whenTheBridgeGoesTheHeldMessagesGetALastChanceToReachTheOutbox() {
    Login login = aliceOnline();
    h.endpoint.failDeliveries();
    outbox.down = true;
    login.message(CAROL, "held");

    outbox.down = false;
    h.gateway.userUnavailable(ALICE, "laptop");

    assertEquals(List.of(), h.gateway.onlineUsers());
    assertEquals(List.of("held"), stored());
  }
}
