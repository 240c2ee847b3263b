package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox against a real embedded H2. */
class JdbcPendingDeliveryStoreTest {

  /** The database under test: a fresh in-memory H2 here; {@code PostgresJdbcPendingDeliveryStoreTest} runs the same tests on PostgreSQL. */
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }


  private static final UserAddress ALICE = new UserAddress("alice@example.org");
  private static final UserAddress BOB = new UserAddress("bob@example.org");
  private static final LegacyContactId CAROL = new LegacyContactId("200001");
  private static final LegacyContactId DAVE = new LegacyContactId("200002");
  private static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123456Z");

  private final HikariDataSource dataSource =
      newDataSource();
  private final JdbcPendingDeliveryStore store = new JdbcPendingDeliveryStore(dataSource);

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void keptMessagesComeBackAsTheyWereInTheOrderTheyWereReceived() {
    PendingDelivery late = store.add(ALICE, CAROL, "second", T0.plusSeconds(5), T0.plusSeconds(20));
    PendingDelivery early = store.add(ALICE, DAVE, "first 'quoted' ünïcödé\n", T0, T0.plusSeconds(10));
    PendingDelivery sameTime = store.add(ALICE, CAROL, "third", T0, T0.plusSeconds(20));
    store.add(BOB, CAROL, "for bob", T0, T0);

    assertEquals(List.of(early, late, sameTime), store.pending(ALICE), "by reception time, then as kept");
    assertEquals(new PendingDelivery(early.id(), ALICE, DAVE, "first 'quoted' ünïcödé\n", T0, T0.plusSeconds(10)),
        store.pending(ALICE).get(0));
    assertEquals(3, store.count(ALICE));
    assertEquals(List.of(ALICE, BOB), store.users());
  }

  @Test
  void deleteForgetsOneMessage() {
    PendingDelivery one = store.add(ALICE, CAROL, "one", T0, T0);
    PendingDelivery two = store.add(ALICE, CAROL, "two", T0, T0.plusSeconds(1));

    assertTrue(store.delete(one.id()));
    assertFalse(store.delete(one.id()));
    assertEquals(List.of(two), store.pending(ALICE));
    assertTrue(store.delete(two.id()));
    assertEquals(List.of(), store.users());
    assertEquals(0, store.count(ALICE));
  }

  @Test
  void aFileDatabaseKeepsMessagesAcrossRestarts(@TempDir Path dir) {
    Path file = dir.resolve("transport");
    PendingDelivery kept;
    try (HikariDataSource first = JdbcRegistrationStore.embeddedDataSource(file)) {
      kept = new JdbcPendingDeliveryStore(first).add(ALICE, CAROL, "still here", T0, T0);
    }
    try (HikariDataSource second = JdbcRegistrationStore.embeddedDataSource(file)) {
      assertEquals(List.of(kept), new JdbcPendingDeliveryStore(second).pending(ALICE));
    }
  }

  @Test
  void toStringLeavesTheTextOut() {
    PendingDelivery kept = store.add(ALICE, CAROL, "my secret plans", T0, T0);

    assertFalse(kept.toString().contains("secret"), kept.toString());
  }

  @Test
  void theStoresShareOneSchema() {
    new JdbcRegistrationStore(dataSource, new net.icqtransport.core.crypto.PasswordCipher(net.icqtransport.core.crypto.DatabaseKey.generate()));
    new JdbcContactSyncStore(dataSource);
    new JdbcPendingDeliveryStore(dataSource);

    assertEquals(List.of(), store.users(), "creating the tables again is harmless");
  }
}
