package net.icqtransport.core.registration;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one place that creates and migrates the transport's tables: Flyway applies the versioned scripts in
 * {@code net/icqtransport/core/db/migration} (SQL that H2 and PostgreSQL both accept). Every JDBC store calls
 * {@link #migrate} when it is built; Flyway does nothing when the schema is current, and serializes concurrent
 * migrations of several transport instances sharing one PostgreSQL with its own lock.
 */
final class Schema {
  static final String LOCATION = "classpath:net/icqtransport/core/db/migration";

  private Schema() {}

  /** Brings the schema to the newest version. */
  static void migrate(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(LOCATION)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("cannot create or migrate the transport's tables", e);
    }
  }
}
