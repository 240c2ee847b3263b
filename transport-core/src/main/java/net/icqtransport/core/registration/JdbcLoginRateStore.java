package net.icqtransport.core.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * The learned login rates in table {@code login_rate} through JDBC, one row per login server. It does not own the
 * data source (the registration store closes it). Several instances sharing one database share the rows: the
 * last one to learn something about a server writes it, and each starts from what the others learned.
 */
public final class JdbcLoginRateStore implements LoginRateStore {

  /** SQLSTATE of a unique (primary key) violation, in PostgreSQL and H2 alike. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_ATTEMPTS = 10;

  private final DataSource dataSource;

  public JdbcLoginRateStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    Schema.migrate(dataSource);
  }

  @Override
  public Optional<LearnedLoginRate> find(String loginServer) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT logins_per_second, refused_at FROM login_rate WHERE login_server = ?")) {
      statement.setString(1, loginServer);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        double rate = rows.getDouble(1);
        double refusedAt = rows.getDouble(2);
        OptionalDouble refused = rows.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(refusedAt);
        try {
          return Optional.of(new LearnedLoginRate(rate, refused));
        } catch (IllegalArgumentException e) {
          return Optional.empty(); // edited by hand into nonsense: learn again from the configured rate
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the learned login rate of " + loginServer, e);
    }
  }

  @Override
  public void save(String loginServer, LearnedLoginRate rate) {
    Objects.requireNonNull(rate, "rate");
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      for (int attempt = 1; ; attempt++) {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE login_rate SET logins_per_second = ?, refused_at = ?, learned_at = ? WHERE login_server = ?")) {
          bind(update, loginServer, rate);
          if (update.executeUpdate() > 0) {
            return;
          }
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO login_rate (logins_per_second, refused_at, learned_at, login_server) VALUES (?, ?, ?, ?)")) {
          bind(insert, loginServer, rate);
          insert.executeUpdate();
          return;
        } catch (SQLException e) {
          // Another instance inserted the row since our UPDATE: update it.
          if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot save the learned login rate of " + loginServer, e);
    }
  }

  private static void bind(PreparedStatement statement, String loginServer, LearnedLoginRate rate) throws SQLException {
    statement.setDouble(1, rate.loginsPerSecond());
    if (rate.refusedAt().isPresent()) {
      statement.setDouble(2, rate.refusedAt().getAsDouble());
    } else {
      statement.setNull(2, Types.DOUBLE);
    }
    statement.setTimestamp(3, Timestamp.from(Instant.now()));
    statement.setString(4, loginServer);
  }
}
