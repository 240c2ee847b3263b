package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration store against a real embedded H2. */
class JdbcRegistrationStoreTest {

  /** The database under test: a fresh in-memory H2 here; {@code PostgresJdbcRegistrationStoreTest} runs the same tests on PostgreSQL. */
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }


  private static final UserAddress ALICE = new UserAddress("alice@example.org");
  private static final UserAddress BOB = new UserAddress("bob@example.org");
  private static final UserAddress ZOE = new UserAddress("zoe@example.net");
  private static final Instant WHEN = Instant.parse("2024-05-01T10:15:30.123456Z");

  private final JdbcRegistrationStore store = new JdbcRegistrationStore(newDataSource());

  @AfterEach
  void close() {
    store.close();
  }

  private static Registration registration(UserAddress user, String account, String password) {
    return new Registration(user, new LegacyCredentials(new LegacyContactId(account), password), WHEN);
  }

  @Test
  void savedRegistrationsAreFoundAsTheyWere() {
    Registration alice = registration(ALICE, "100001", "pä$$wörd 'quoted'");
    store.save(alice);

    assertEquals(Optional.of(alice), store.find(ALICE));
    assertEquals(Optional.empty(), store.find(BOB));
  }

  @Test
  void theChosenCodepageIsKept() {
    Registration alice = registration(ALICE, "100001", "pw")
        .withOptions(new LegacySessionOptions(java.nio.charset.Charset.forName("windows-1251")));
    store.save(alice);
    assertEquals(Optional.of(alice), store.find(ALICE));
    store.save(alice.withOptions(LegacySessionOptions.DEFAULTS));
    assertEquals(LegacySessionOptions.DEFAULTS, store.find(ALICE).orElseThrow().options());
  }

  @Test
  void savingAgainReplaces() {
    store.save(registration(ALICE, "100001", "old"));
    Registration replacement = new Registration(ALICE,
        new LegacyCredentials(new LegacyContactId("100009"), "new"), WHEN.plusSeconds(60));
    store.save(replacement);

    assertEquals(Optional.of(replacement), store.find(ALICE));
    assertEquals(List.of(replacement), store.all());
  }

  /** Several transport instances share one database: concurrent saves of one user must all succeed. */
  @Test
  void concurrentSavesOfTheSameUserAllSucceedAndLeaveOneRow() throws Exception {
    int threads = 8;
    int rounds = 40;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<?>> saves = new java.util.ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        String password = "pw-" + t;
        saves.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < rounds; i++) {
            store.save(registration(ALICE, "100001", password));
            store.delete(BOB); // another user's churn, as from another instance
            store.save(registration(BOB, "100002", password));
          }
          return null;
        }));
      }
      go.countDown();
      for (java.util.concurrent.Future<?> save : saves) {
        save.get(60, java.util.concurrent.TimeUnit.SECONDS); // throws if any save failed
      }
    } finally {
      pool.shutdownNow();
    }

    assertEquals(List.of(ALICE, BOB), store.all().stream().map(Registration::user).toList());
    assertTrue(store.find(ALICE).orElseThrow().credentials().password().startsWith("pw-"));
  }

  @Test
  void deleteSaysWhetherThereWasOne() {
    store.save(registration(ALICE, "100001", "pw"));

    assertTrue(store.delete(ALICE));
    assertFalse(store.delete(ALICE));
    assertEquals(Optional.empty(), store.find(ALICE));
  }

  @Test
  void allIsOrderedByUser() {
    Registration zoe = registration(ZOE, "100003", "z");
    Registration alice = registration(ALICE, "100001", "a");
    Registration bob = registration(BOB, "100002", "b");
    store.save(zoe);
    store.save(alice);
    store.save(bob);

    assertEquals(List.of(alice, bob, zoe), store.all());
  }

  @Test
  void aFileDatabaseKeepsRegistrationsAcrossRestarts(@TempDir Path dir) {
    Path file = dir.resolve("registrations");
    Registration alice = registration(ALICE, "100001", "secret");
    try (JdbcRegistrationStore first = new JdbcRegistrationStore(JdbcRegistrationStore.embeddedDataSource(file))) {
      first.save(alice);
      first.save(registration(BOB, "100002", "other"));
      first.delete(BOB);
    }
    assertTrue(Files.exists(dir.resolve("registrations.mv.db")));

    HikariDataSource reopened = JdbcRegistrationStore.embeddedDataSource(file);
    try (JdbcRegistrationStore second = new JdbcRegistrationStore(reopened)) {
      assertEquals(List.of(alice), second.all());
      assertEquals(Optional.of(alice), second.find(ALICE));
    }
    assertTrue(reopened.isClosed(), "closing the store closes its pool");
  }

  @Test
  void toStringNeverShowsThePassword() {
    String password = "hunter2-Very-Secret";
    LegacyCredentials credentials = new LegacyCredentials(new LegacyContactId("100001"), password);
    Registration registration = new Registration(ALICE, credentials, WHEN);

    assertFalse(credentials.toString().contains(password), credentials.toString());
    assertFalse(registration.toString().contains(password), registration.toString());
    assertTrue(registration.toString().contains("100001"), "the account is still shown");
    store.save(registration);
    assertFalse(store.find(ALICE).orElseThrow().toString().contains(password));
  }
}
