package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.testing.PostgresServer;
import net.icqtransport.core.user.UserAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registration store against a real PostgreSQL: the same behaviour as on the embedded H2. */
class PostgresRegistrationStoreTest {
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @Test
  void savesFindsReplacesListsAndDeletesAcrossReopening() {
    UserAddress alice = new UserAddress("alice@example.org");
    Instant when = Instant.parse("2026-11-22T10:15:30Z").truncatedTo(ChronoUnit.MILLIS);
    try (HikariDataSource dataSource = JdbcRegistrationStore.pooled(postgres.jdbcUrl(), PostgresServer.USER, "")) {
      JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource);
      store.save(new Registration(alice, new LegacyCredentials(new LegacyContactId("100001"), "pässwörd"), when));
      store.save(new Registration(alice, new LegacyCredentials(new LegacyContactId("100002"), "second"), when));
      store.save(new Registration(new UserAddress("bob@example.org"),
          new LegacyCredentials(new LegacyContactId("100003"), "third"), when));
    }
    try (HikariDataSource dataSource = JdbcRegistrationStore.pooled(postgres.jdbcUrl(), PostgresServer.USER, "")) {
      JdbcRegistrationStore store = new JdbcRegistrationStore(dataSource);
      Registration found = store.find(alice).orElseThrow();
      assertEquals("100002", found.credentials().account().value());
      assertEquals("second", found.credentials().password());
      assertEquals(when, found.registeredAt());
      assertEquals(2, store.all().size());
      assertTrue(store.delete(alice));
      assertFalse(store.delete(alice));
      assertTrue(store.find(alice).isEmpty());
    }
  }
}
