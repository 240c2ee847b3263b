package net.icqtransport.core.registration;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one place that creates and migrates the transport's tables: Flyway applies the versioned scripts in
 * {@code net/icqtransport/core/db/migration} (SQL that H2 and PostgreSQL both accept). Every JDBC store calls
 * {@link #migrate} when it is built; the first call for a data source runs Flyway, later ones for the same data
 * source in this JVM return at once (the stores of one transport share one pool). Flyway does nothing when the
 * schema is current, and serializes concurrent migrations of several transport instances sharing one
 * PostgreSQL with its own lock.
 */
final class Schema {
  static final String LOCATION = "classpath:net/icqtransport/core/db/migration";

  /** Data sources migrated in this JVM; weak, so a closed pool is forgotten. */
  private static final Set<DataSource> MIGRATED = Collections.newSetFromMap(new WeakHashMap<>());

  private Schema() {}

  /** Brings the schema to the newest version; true if this call ran the migration. */
  static synchronized boolean migrate(DataSource dataSource) {
    if (MIGRATED.contains(dataSource)) {
      return false;
    }
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
    MIGRATED.add(dataSource);
    return true;
  }
}
