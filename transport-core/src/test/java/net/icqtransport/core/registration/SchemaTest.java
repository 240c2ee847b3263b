package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The schema is migrated once per data source, however many stores are built on it. */
class SchemaTest {

  private static HikariDataSource memoryDatabase() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @Test
  void theFirstCallForADataSourceMigratesAndLaterOnesDoNot() throws Exception {
    try (HikariDataSource first = memoryDatabase(); HikariDataSource second = memoryDatabase()) {
      assertTrue(Schema.migrate(first), "the first call migrates");
      assertFalse(Schema.migrate(first), "the second call for the same data source does nothing");
      assertTrue(Schema.migrate(second), "another data source is migrated on its own");
      try (Connection connection = second.getConnection();
          ResultSet tables = connection.getMetaData().getTables(null, null, "PENDING_DELIVERY", null)) {
        assertTrue(tables.next(), "the tables exist");
      }
    }
  }
}
