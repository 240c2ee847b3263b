package net.icqtransport.core.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * The outbox in table {@code pending_delivery} through JDBC. It does not own the data source (the
 * registration store closes it).
 */
public final class JdbcPendingDeliveryStore implements PendingDeliveryStore {

  private static final String COLUMNS = "id, user_jid, contact, text, sent_at, created_at";

  private final DataSource dataSource;

  public JdbcPendingDeliveryStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    Schema.migrate(dataSource);
  }

  @Override
  public PendingDelivery add(
      UserAddress user, LegacyContactId from, String text, Instant sentAt, Instant receivedAt) {
    PendingDelivery unsaved = new PendingDelivery(0, user, from, text, sentAt, receivedAt);
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "INSERT INTO pending_delivery (user_jid, contact, text, sent_at, created_at) VALUES (?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      statement.setString(1, user.bareJid());
      statement.setString(2, from.value());
      statement.setString(3, text);
      statement.setTimestamp(4, Timestamp.from(sentAt));
      statement.setTimestamp(5, Timestamp.from(receivedAt));
      statement.executeUpdate();
      try (ResultSet keys = statement.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no id generated");
        }
        return new PendingDelivery(keys.getLong(1), user, from, text, unsaved.sentAt(), unsaved.createdAt());
      }
    } catch (SQLException e) {
      throw new StoreException("cannot keep a message for " + user, e);
    }
  }

  @Override
  public List<PendingDelivery> pending(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM pending_delivery WHERE user_jid = ? ORDER BY created_at, id")) {
      statement.setString(1, user.bareJid());
      try (ResultSet rows = statement.executeQuery()) {
        List<PendingDelivery> result = new ArrayList<>();
        while (rows.next()) {
          result.add(read(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the messages kept for " + user, e);
    }
  }

  @Override
  public int count(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT COUNT(*) FROM pending_delivery WHERE user_jid = ?")) {
      statement.setString(1, user.bareJid());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot count the messages kept for " + user, e);
    }
  }

  @Override
  public boolean delete(long id) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("DELETE FROM pending_delivery WHERE id = ?")) {
      statement.setLong(1, id);
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("cannot delete kept message " + id, e);
    }
  }

  @Override
  public List<UserAddress> users() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT DISTINCT user_jid FROM pending_delivery ORDER BY user_jid");
        ResultSet rows = statement.executeQuery()) {
      List<UserAddress> result = new ArrayList<>();
      while (rows.next()) {
        result.add(new UserAddress(rows.getString(1)));
      }
      return result;
    } catch (SQLException e) {
      throw new StoreException("cannot list the users with kept messages", e);
    }
  }

  private static PendingDelivery read(ResultSet rows) throws SQLException {
    return new PendingDelivery(
        rows.getLong(1),
        new UserAddress(rows.getString(2)),
        new LegacyContactId(rows.getString(3)),
        rows.getString(4),
        rows.getTimestamp(5).toInstant(),
        rows.getTimestamp(6).toInstant());
  }
}
