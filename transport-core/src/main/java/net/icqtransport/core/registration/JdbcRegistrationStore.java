package net.icqtransport.core.registration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import net.icqtransport.core.crypto.PasswordCipher;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySessionOptions;
import net.icqtransport.core.user.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations in a relational database through JDBC: the embedded H2 file by default. {@link #close()}
 * closes the data source, which the other JDBC stores may share.
 *
 * <p>Legacy passwords are stored encrypted by a {@link PasswordCipher} (AES-256-GCM, bound to the row's user
 * JID), the key kept outside the database. Rows written in plaintext by versions before encryption are
 * encrypted when the store is built (a startup pass, not a Flyway migration: the key is configuration that
 * Flyway's migrations cannot see, and the pass also catches rows an older instance writes later).
 */
public final class JdbcRegistrationStore implements RegistrationStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcRegistrationStore.class);

  /** SQLSTATE of a unique (primary key) violation, in PostgreSQL and H2 alike. */
  private static final String UNIQUE_VIOLATION = "23505";
  /** UPDATE-then-INSERT rounds before a save gives up; each lost round means another instance wrote the row. */
  private static final int MAX_ATTEMPTS = 10;
  /** How long a call waits for a database connection unless configured otherwise. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private final DataSource dataSource;
  private volatile PasswordCipher cipher;

  /** Migrates the schema and encrypts any plaintext passwords with {@code cipher}. */
  public JdbcRegistrationStore(DataSource dataSource, PasswordCipher cipher) {
    this.dataSource = dataSource;
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    Schema.migrate(dataSource);
    int encrypted = reencrypt(cipher, false);
    if (encrypted > 0) {
      LOG.info("Encrypted {} plaintext passwords with database key {}", encrypted, cipher.keyId());
    }
  }

  /** A pooled data source for an embedded H2 database in {@code file} (H2 adds {@code .mv.db}). */
  public static HikariDataSource embeddedDataSource(Path file) {
    return pooled("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  /** A pooled data source for any JDBC URL, waiting at most {@link #DEFAULT_CONNECTION_TIMEOUT} for a connection. */
  public static HikariDataSource pooled(String jdbcUrl, String username, String password) {
    return pooled(jdbcUrl, username, password, DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * A pooled data source for any JDBC URL. A call waits at most {@code connectionTimeout} for a connection
   * (HikariCP's {@code connectionTimeout}, also the driver's login timeout), then fails with
   * {@link StoreException}: while the database is unreachable, requests that need it are answered after that
   * long instead of HikariCP's 30 s. A pooled connection is checked before use (within the same bound), so
   * connections the database dropped are replaced, and the pool recovers by itself when the database is back.
   * The first connection is made here: an unreachable database fails the start at once.
   */
  public static HikariDataSource pooled(String jdbcUrl, String username, String password, Duration connectionTimeout) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    config.setPoolName("registrations");
    config.setConnectionTimeout(connectionTimeout.toMillis());
    config.setValidationTimeout(Math.min(connectionTimeout.toMillis(), DEFAULT_CONNECTION_TIMEOUT.toMillis()));
    return new HikariDataSource(config);
  }

  @Override
  public Optional<Registration> find(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT user_jid, legacy_account, legacy_password, registered_at, legacy_codepage FROM registration"
                + " WHERE user_jid = ?")) {
      statement.setString(1, user.bareJid());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the registration of " + user, e);
    }
  }

  /**
   * Inserts or replaces the user's registration. Safe when several transport instances save the same user at
   * once (one shared PostgreSQL database): one atomic upsert where the database has one (PostgreSQL, H2);
   * elsewhere an UPDATE, else an INSERT, where an INSERT that loses the race to another instance's (unique
   * violation, SQLSTATE 23505) is retried from the UPDATE (up to {@value #MAX_ATTEMPTS} rounds). The last save
   * wins, and no save fails because of another; there is no window in which the user has no registration, as
   * there was with delete-then-insert.
   */
  @Override
  public void save(Registration registration) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      String upsert = upsertStatement(connection);
      if (upsert != null) {
        try (PreparedStatement statement = connection.prepareStatement(upsert)) {
          bind(statement, registration);
          statement.executeUpdate();
        }
        return;
      }
      for (int attempt = 1; ; attempt++) {
        if (update(connection, registration) > 0) {
          return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO registration (legacy_account, legacy_password, registered_at, legacy_codepage, user_jid)"
                + " VALUES (?, ?, ?, ?, ?)")) {
          bind(insert, registration);
          insert.executeUpdate();
          return;
        } catch (SQLException e) {
          // Another instance inserted the row since our UPDATE (and may delete it again): try again.
          if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot save the registration of " + registration.user(), e);
    }
  }

  /**
   * The database's own atomic insert-or-update, for the databases this project supports (PostgreSQL's
   * {@code ON CONFLICT}, H2's {@code MERGE … KEY}); {@code null} for others, which get update-else-insert with
   * retries. Parameters in {@link #bind} order.
   */
  private static String upsertStatement(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("PostgreSQL".equals(product)) {
      return "INSERT INTO registration (legacy_account, legacy_password, registered_at, legacy_codepage, user_jid)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_jid) DO UPDATE SET legacy_account = EXCLUDED.legacy_account,"
          + " legacy_password = EXCLUDED.legacy_password, registered_at = EXCLUDED.registered_at,"
          + " legacy_codepage = EXCLUDED.legacy_codepage";
    }
    if ("H2".equals(product)) {
      return "MERGE INTO registration (legacy_account, legacy_password, registered_at, legacy_codepage, user_jid)"
          + " KEY (user_jid) VALUES (?, ?, ?, ?, ?)";
    }
    return null;
  }

  private int update(Connection connection, Registration registration) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE registration SET legacy_account = ?, legacy_password = ?, registered_at = ?, legacy_codepage = ?"
            + " WHERE user_jid = ?")) {
      bind(update, registration);
      return update.executeUpdate();
    }
  }

  /** Binds the columns in the order both statements of {@link #save} use, the user's JID last. */
  private void bind(PreparedStatement statement, Registration registration) throws SQLException {
    statement.setString(1, registration.credentials().account().value());
    statement.setString(2, cipher.encrypt(registration.credentials().password(), registration.user().bareJid()));
    statement.setTimestamp(3, Timestamp.from(registration.registeredAt()));
    statement.setString(4, registration.options().codepage().map(Charset::name).orElse(null));
    statement.setString(5, registration.user().bareJid());
  }

  @Override
  public boolean delete(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("DELETE FROM registration WHERE user_jid = ?")) {
      statement.setString(1, user.bareJid());
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("cannot delete the registration of " + user, e);
    }
  }

  @Override
  public List<Registration> all() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT user_jid, legacy_account, legacy_password, registered_at, legacy_codepage FROM registration"
                + " ORDER BY user_jid");
        ResultSet rows = statement.executeQuery()) {
      List<Registration> result = new ArrayList<>();
      while (rows.next()) {
        result.add(read(rows));
      }
      return result;
    } catch (SQLException e) {
      throw new StoreException("cannot list registrations", e);
    }
  }

  @Override
  public List<Registration> findByAccount(net.icqtransport.core.legacy.LegacyContactId account) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT user_jid, legacy_account, legacy_password, registered_at, legacy_codepage FROM registration"
                + " WHERE legacy_account = ? ORDER BY user_jid")) {
      statement.setString(1, account.value());
      List<Registration> result = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          result.add(read(rows));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new StoreException("cannot look up the registrations of " + account, e);
    }
  }

  /**
   * Re-encrypts every password with {@code next} in one transaction (all rows or none), and uses {@code next}
   * from then on; returns how many rows were rewritten. Fails, changing nothing, when a row needs another key
   * than the current one.
   */
  public int rotateKey(PasswordCipher next) {
    int rewritten = reencrypt(Objects.requireNonNull(next, "next"), true);
    cipher = next;
    return rewritten;
  }

  /**
   * Rewrites passwords with {@code next}: every row when {@code all}, else only plaintext rows. Reads with the
   * current cipher. One transaction, rows locked while read.
   */
  private int reencrypt(PasswordCipher next, boolean all) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement(
              "SELECT user_jid, legacy_password FROM registration ORDER BY user_jid FOR UPDATE");
          PreparedStatement update = connection.prepareStatement(
              "UPDATE registration SET legacy_password = ? WHERE user_jid = ?")) {
        int count = 0;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String user = rows.getString(1);
            String stored = rows.getString(2);
            boolean encrypted = PasswordCipher.isEncrypted(stored);
            if (encrypted && !all) {
              continue;
            }
            String password = encrypted ? cipher.decrypt(stored, user) : stored;
            update.setString(1, next.encrypt(password, user));
            update.setString(2, user);
            update.addBatch();
            count++;
          }
        }
        if (count > 0) {
          update.executeBatch();
        }
        connection.commit();
        return count;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot re-encrypt the registrations' passwords", e);
    }
  }

  private Registration read(ResultSet rows) throws SQLException {
    String user = rows.getString(1);
    return new Registration(
        new UserAddress(user),
        new LegacyCredentials(new LegacyContactId(rows.getString(2)), cipher.decrypt(rows.getString(3), user)),
        rows.getTimestamp(4).toInstant(),
        new LegacySessionOptions(codepage(rows.getString(5))));
  }

  /** A stored codepage name; one this JVM no longer knows falls back to the network's default. */
  private static Charset codepage(String name) {
    if (name == null) {
      return null;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (dataSource instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new StoreException("cannot close the registration database", e);
      }
    }
  }
}
