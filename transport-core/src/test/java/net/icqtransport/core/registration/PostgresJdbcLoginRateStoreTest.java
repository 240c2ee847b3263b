package net.icqtransport.core.registration;

import com.zaxxer.hikari.HikariDataSource;
import net.icqtransport.core.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link JdbcLoginRateStoreTest} against a real PostgreSQL: each test on a fresh database. */
class PostgresJdbcLoginRateStoreTest extends JdbcLoginRateStoreTest {
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @Override
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled(postgres.createDatabase(), PostgresServer.USER, "");
  }
}
