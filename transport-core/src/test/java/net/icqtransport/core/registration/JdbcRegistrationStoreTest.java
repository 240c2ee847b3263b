package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.icqtransport.core.crypto.DatabaseKey;
import net.icqtransport.core.crypto.PasswordCipher;
import net.icqtransport.core.crypto.PasswordCipherException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registration store against a real embedded H2, passwords encrypted at rest. */
class JdbcRegistrationStoreTest {

  /** The database under test: a fresh in-memory H2 here; {@code PostgresJdbcRegistrationStoreTest} runs the same tests on PostgreSQL. */
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }


  private static final UserAddress ALICE = new UserAddress("alice@example.org");
  private static final UserAddress BOB = new UserAddress("bob@example.org");
  private static final UserAddress ZOE = new UserAddress("zoe@example.net");
  private static final Instant WHEN = Instant.parse("2024-05-01T10:15:30.123456Z");

  private final DatabaseKey key = DatabaseKey.generate();
  private final HikariDataSource dataSource = newDataSource();
  private final JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource, new PasswordCipher(key));

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
    try (JdbcRegistrationStore first = new JdbcRegistrationStore(JdbcRegistrationStore.embeddedDataSource(file), new PasswordCipher(key))) {
      first.save(alice);
      first.save(registration(BOB, "100002", "other"));
      first.delete(BOB);
    }
    assertTrue(Files.exists(dir.resolve("registrations.mv.db")));

    HikariDataSource reopened = JdbcRegistrationStore.embeddedDataSource(file);
    try (JdbcRegistrationStore second = new JdbcRegistrationStore(reopened, new PasswordCipher(key))) {
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

  @Test
  void theStoredPasswordIsNeverThePlaintext() throws SQLException {
    String password = "pl41n-Text-pw";
    store.save(registration(ALICE, "100001", password));
    store.save(registration(BOB, "100002", password));

    List<String> raw = rawPasswords();
    assertEquals(2, raw.size());
    for (String value : raw) {
      assertFalse(value.contains(password), value);
      assertTrue(value.startsWith("aesgcm1:" + key.id() + ":"), value);
    }
    assertFalse(raw.get(0).equals(raw.get(1)), "a fresh nonce per value: equal passwords differ at rest");
    assertEquals(password, store.find(ALICE).orElseThrow().credentials().password());
  }

  @Test
  void aWrongKeyFailsNamingBothKeyIds() {
    store.save(registration(ALICE, "100001", "pw"));
    DatabaseKey other = DatabaseKey.generate();
    try (JdbcRegistrationStore wrong = new JdbcRegistrationStore(dataSourceNotClosedBy(), new PasswordCipher(other))) {
      PasswordCipherException e = assertThrows(PasswordCipherException.class, () -> wrong.find(ALICE));
      assertTrue(e.getMessage().contains(key.id()) && e.getMessage().contains(other.id()), e.getMessage());
      assertTrue(e.getMessage().contains("alice@example.org"), e.getMessage());
    }
  }

  @Test
  void aTamperedCiphertextIsRefused() throws SQLException {
    store.save(registration(ALICE, "100001", "pw"));
    String stored = rawPasswords().get(0);
    int last = stored.length() - 3; // inside the base64 of the tag
    char flipped = stored.charAt(last) == 'A' ? 'B' : 'A';
    setRawPassword(ALICE, stored.substring(0, last) + flipped + stored.substring(last + 1));

    PasswordCipherException e = assertThrows(PasswordCipherException.class, () -> store.find(ALICE));
    assertTrue(e.getMessage().contains("altered"), e.getMessage());
  }

  @Test
  void aCiphertextMovedToAnotherUsersRowIsRefused() throws SQLException {
    store.save(registration(ALICE, "100001", "alice-pw"));
    store.save(registration(BOB, "100002", "bob-pw"));
    setRawPassword(BOB, rawPasswords().get(0));

    assertThrows(PasswordCipherException.class, () -> store.find(BOB));
  }

  @Test
  void plaintextRowsFromBeforeAreEncryptedOnStart() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO registration (user_jid, legacy_account, legacy_password, registered_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, BOB.bareJid());
      insert.setString(2, "100002");
      insert.setString(3, "old-plaintext");
      insert.setTimestamp(4, Timestamp.from(WHEN));
      insert.executeUpdate();
    }

    try (JdbcRegistrationStore restarted = new JdbcRegistrationStore(dataSourceNotClosedBy(), new PasswordCipher(key))) {
      assertFalse(rawPasswords().get(0).contains("old-plaintext"), rawPasswords().get(0));
      assertEquals(Optional.of(registration(BOB, "100002", "old-plaintext")), restarted.find(BOB));
    }
  }

  @Test
  void rotationReencryptsEveryRowWithTheNewKey() throws SQLException {
    store.save(registration(ALICE, "100001", "a-pw"));
    store.save(registration(BOB, "100002", "b-pw"));
    DatabaseKey next = DatabaseKey.generate();

    assertEquals(2, store.rotateKey(new PasswordCipher(next)));

    for (String value : rawPasswords()) {
      assertTrue(value.startsWith("aesgcm1:" + next.id() + ":"), value);
    }
    assertEquals("b-pw", store.find(BOB).orElseThrow().credentials().password());
    try (JdbcRegistrationStore withNewKey = new JdbcRegistrationStore(dataSourceNotClosedBy(), new PasswordCipher(next))) {
      assertEquals("a-pw", withNewKey.find(ALICE).orElseThrow().credentials().password());
    }
    try (JdbcRegistrationStore withOldKey = new JdbcRegistrationStore(dataSourceNotClosedBy(), new PasswordCipher(key))) {
      assertThrows(PasswordCipherException.class, () -> withOldKey.find(ALICE));
    }
  }

  @Test
  void rotationIsAllOrNothing() throws SQLException {
    store.save(registration(ALICE, "100001", "a-pw"));
    store.save(registration(BOB, "100002", "b-pw"));
    String foreign = new PasswordCipher(DatabaseKey.generate()).encrypt("z-pw", ZOE.bareJid());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO registration (user_jid, legacy_account, legacy_password, registered_at) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, ZOE.bareJid());
      insert.setString(2, "100003");
      insert.setString(3, foreign);
      insert.setTimestamp(4, Timestamp.from(WHEN));
      insert.executeUpdate();
    }
    List<String> before = rawPasswords();

    assertThrows(PasswordCipherException.class, () -> store.rotateKey(new PasswordCipher(DatabaseKey.generate())));

    assertEquals(before, rawPasswords(), "no row was rewritten");
    assertEquals("a-pw", store.find(ALICE).orElseThrow().credentials().password(), "the old key still works");
  }

  /** A second store on the same database, whose close must not close the shared pool. */
  private javax.sql.DataSource dataSourceNotClosedBy() {
    return new javax.sql.DataSource() {
      @Override public Connection getConnection() throws SQLException { return dataSource.getConnection(); }
      @Override public Connection getConnection(String u, String p) throws SQLException { return dataSource.getConnection(u, p); }
      @Override public java.io.PrintWriter getLogWriter() { return null; }
      @Override public void setLogWriter(java.io.PrintWriter out) {}
      @Override public void setLoginTimeout(int seconds) {}
      @Override public int getLoginTimeout() { return 0; }
      @Override public java.util.logging.Logger getParentLogger() { return java.util.logging.Logger.getGlobal(); }
      @Override public <T> T unwrap(Class<T> type) { throw new UnsupportedOperationException(); }
      @Override public boolean isWrapperFor(Class<?> type) { return false; }
    };
  }

  /** The password column as stored, read past the store with plain JDBC, ordered by user. */
  private List<String> rawPasswords() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT legacy_password FROM registration ORDER BY user_jid");
        ResultSet rows = select.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  private void setRawPassword(UserAddress user, String value) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(
            "UPDATE registration SET legacy_password = ? WHERE user_jid = ?")) {
      update.setString(1, value);
      update.setString(2, user.bareJid());
      assertEquals(1, update.executeUpdate());
    }
  }
}
