package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The learned login rates against a real embedded H2. */
class JdbcLoginRateStoreTest {

  /** The database under test: a fresh in-memory H2 here; {@code PostgresJdbcLoginRateStoreTest} runs the same tests on PostgreSQL. */
  protected HikariDataSource newDataSource() {
    return JdbcRegistrationStore.pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  private final HikariDataSource dataSource = newDataSource();
  private final JdbcLoginRateStore store = new JdbcLoginRateStore(dataSource);

  @AfterEach
  void close() {
    dataSource.close();
  }

  @Test
  void nothingLearnedAboutAServerYet() {
    assertEquals(Optional.empty(), store.find("login.icq.example:41234"));
  }

  @Test
  void aLearnedRateIsKeptPerServerAndReplacedByTheNext() {
    store.save("login.icq.example:41234", LearnedLoginRate.startingAt(12.5));
    store.save("other.example:41234", new LearnedLoginRate(170, OptionalDouble.of(200)));
    assertEquals(Optional.of(LearnedLoginRate.startingAt(12.5)), store.find("login.icq.example:41234"));

    store.save("login.icq.example:41234", new LearnedLoginRate(8.5, OptionalDouble.of(10)));
    assertEquals(Optional.of(new LearnedLoginRate(8.5, OptionalDouble.of(10))), store.find("login.icq.example:41234"));
    assertEquals(Optional.of(new LearnedLoginRate(170, OptionalDouble.of(200))), store.find("other.example:41234"));
  }

  @Test
  void aStoreBuiltAfterARestartReadsWhatWasLearned() {
    store.save("login.icq.example:41234", new LearnedLoginRate(95, OptionalDouble.of(100)));
    assertEquals(Optional.of(new LearnedLoginRate(95, OptionalDouble.of(100))),
        new JdbcLoginRateStore(dataSource).find("login.icq.example:41234"));
  }
}
