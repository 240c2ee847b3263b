package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster sync state against a real embedded H2. */
class JdbcContactSyncStoreTest {

  /** The database under test: a fresh in-memory H2 here; {@code PostgresJdbcContactSyncStoreTest} runs the same tests on PostgreSQL. */
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }


  private static final UserAddress ALICE = new UserAddress("alice@example.org");
  private static final UserAddress BOB = new UserAddress("bob@example.org");
  private static final LegacyContactId CAROL = new LegacyContactId("200001");
  private static final LegacyContactId DAVE = new LegacyContactId("200002");

  private final HikariDataSource dataSource =
      newDataSource();
  private final JdbcContactSyncStore store = new JdbcContactSyncStore(dataSource);

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void markedContactsAreSyncedPerUser() {
    store.markSynced(ALICE, new LegacyContact(CAROL, "Carol", "Friends"));
    store.markSynced(ALICE, new LegacyContact(DAVE, "Dave", null));
    store.markSynced(BOB, new LegacyContact(CAROL, "C.", null));

    assertEquals(Set.of(CAROL, DAVE), store.synced(ALICE));
    assertEquals(Set.of(CAROL), store.synced(BOB));
    assertEquals(Set.of(), store.synced(new UserAddress("zoe@example.net")));
  }

  @Test
  void markingAgainReplaces() {
    store.markSynced(ALICE, new LegacyContact(CAROL, "Carol", "Friends"));
    store.markSynced(ALICE, new LegacyContact(CAROL, "Carol B.", "Work"));

    assertEquals(Set.of(CAROL), store.synced(ALICE));
  }

  @Test
  void forgetOneOrAll() {
    store.markSynced(ALICE, new LegacyContact(CAROL, "Carol", null));
    store.markSynced(ALICE, new LegacyContact(DAVE, "Dave", null));
    store.markSynced(BOB, new LegacyContact(CAROL, "Carol", null));

    assertTrue(store.forget(ALICE, CAROL));
    assertFalse(store.forget(ALICE, CAROL));
    assertEquals(Set.of(DAVE), store.synced(ALICE));

    store.forgetAll(ALICE);
    assertEquals(Set.of(), store.synced(ALICE));
    assertEquals(Set.of(CAROL), store.synced(BOB), "other users keep theirs");
  }

  @Test
  void aFileDatabaseKeepsTheStateAcrossRestarts(@TempDir Path dir) {
    Path file = dir.resolve("transport");
    try (HikariDataSource first = JdbcRegistrationStore.embeddedDataSource(file)) {
      new JdbcContactSyncStore(first).markSynced(ALICE, new LegacyContact(CAROL, "Carol", "Friends"));
    }
    try (HikariDataSource second = JdbcRegistrationStore.embeddedDataSource(file)) {
      assertEquals(Set.of(CAROL), new JdbcContactSyncStore(second).synced(ALICE));
    }
  }
}
