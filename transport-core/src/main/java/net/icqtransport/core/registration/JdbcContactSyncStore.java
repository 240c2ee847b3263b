package net.icqtransport.core.registration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * The roster sync state in table {@code synced_contact} through JDBC. It does not own the data source (the
 * registration store closes it).
 */
public final class JdbcContactSyncStore implements ContactSyncStore {

  private final DataSource dataSource;

  public JdbcContactSyncStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    Schema.migrate(dataSource);
  }

  @Override
  public Set<LegacyContactId> synced(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT contact FROM synced_contact WHERE user_jid = ?")) {
      statement.setString(1, user.bareJid());
      try (ResultSet rows = statement.executeQuery()) {
        Set<LegacyContactId> result = new HashSet<>();
        while (rows.next()) {
          result.add(new LegacyContactId(rows.getString(1)));
        }
        return Set.copyOf(result);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the synced contacts of " + user, e);
    }
  }

  @Override
  public void markSynced(UserAddress user, LegacyContact contact) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM synced_contact WHERE user_jid = ? AND contact = ?");
          PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO synced_contact (user_jid, contact, nickname, group_name) VALUES (?, ?, ?, ?)")) {
        delete.setString(1, user.bareJid());
        delete.setString(2, contact.id().value());
        delete.executeUpdate();
        insert.setString(1, user.bareJid());
        insert.setString(2, contact.id().value());
        insert.setString(3, contact.nickname());
        insert.setString(4, contact.group());
        insert.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("cannot record a synced contact of " + user, e);
    }
  }

  @Override
  public boolean forget(UserAddress user, LegacyContactId contact) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("DELETE FROM synced_contact WHERE user_jid = ? AND contact = ?")) {
      statement.setString(1, user.bareJid());
      statement.setString(2, contact.value());
      return statement.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new StoreException("cannot forget a synced contact of " + user, e);
    }
  }

  @Override
  public void forgetAll(UserAddress user) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("DELETE FROM synced_contact WHERE user_jid = ?")) {
      statement.setString(1, user.bareJid());
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot forget the synced contacts of " + user, e);
    }
  }
}
