package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.BOB;
import static net.icqtransport.core.bridge.GatewayHarness.BOB_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.CAROL;
import static net.icqtransport.core.bridge.GatewayHarness.DAVE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Set;
import java.util.UUID;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.registration.JdbcContactSyncStore;
import net.icqtransport.core.registration.JdbcRegistrationStore;
import net.icqtransport.core.registration.MemoryPendingDeliveryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The roster sync state behind the gateway (XEP-0100 §5.1: the subscription from each contact is asked for
 * once, not at every login), on a real H2 database.
 */
@Timeout(10)
class GatewayContactSyncTest {

  private final HikariDataSource dataSource =
      JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  private final GatewayHarness h =
      new GatewayHarness(new MemoryPendingDeliveryStore(), new JdbcContactSyncStore(dataSource));

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void unregisteringForgetsTheUsersContactsOnly() {
    h.registered(ALICE, ALICE_ICQ);
    h.registered(BOB, BOB_ICQ);
    h.contactSync.markSynced(ALICE, new LegacyContact(CAROL, "Carol", null)); // as the XMPP side records them
    h.contactSync.markSynced(BOB, new LegacyContact(CAROL, "Carol", null));

    assertTrue(h.gateway.unregister(ALICE).join());

    assertEquals(Set.of(), h.contactSync.synced(ALICE));
    assertEquals(Set.of(CAROL), new JdbcContactSyncStore(dataSource).synced(BOB), "stored durably");
  }
}
