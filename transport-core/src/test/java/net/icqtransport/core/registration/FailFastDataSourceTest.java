package net.icqtransport.core.registration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import net.icqtransport.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

/**
 * While the database does not answer, the pool makes each caller wait its connection timeout; the stores are
 * called on the users' lanes, which share the legacy network's event loops. One failed attempt makes the calls
 * fail at once until a probe, off the lanes, gets a connection again.
 */
class FailFastDataSourceTest {
  private final DataSource pool = mock(DataSource.class);
  private final ManualScheduler prober = new ManualScheduler();
  private final FailFastDataSource dataSource = new FailFastDataSource(pool, prober, Duration.ofSeconds(1));

  @Test
  void afterOneFailedAttemptCallsFailAtOnceWithoutWaitingForThePoolAgain() throws Exception {
    when(pool.getConnection()).thenThrow(new SQLTransientConnectionException("timed out after 5000 ms"));

    assertThrows(SQLTransientConnectionException.class, dataSource::getConnection);
    assertTrue(dataSource.isDown());
    for (int i = 0; i < 10; i++) {
      assertThrows(SQLTransientConnectionException.class, dataSource::getConnection);
    }
    verify(pool, times(1)).getConnection(); // the other ten did not wait for it
  }

  @Test
  void aProbeThatGetsAConnectionLetsTheCallsThroughAgain() throws Exception {
    Connection connection = mock(Connection.class);
    when(pool.getConnection())
        .thenThrow(new SQLTransientConnectionException("timed out"))
        .thenThrow(new SQLTransientConnectionException("timed out")) // the first probe: still down
        .thenReturn(connection);
    assertThrows(SQLException.class, dataSource::getConnection);

    prober.advance(Duration.ofSeconds(1));
    assertTrue(dataSource.isDown(), "the first probe failed");
    assertThrows(SQLException.class, dataSource::getConnection);

    prober.advance(Duration.ofSeconds(1));
    assertFalse(dataSource.isDown(), "the second probe got a connection");
    verify(connection).close(); // the probe's own connection goes back to the pool
    Connection mine = mock(Connection.class);
    when(pool.getConnection()).thenReturn(mine);
    assertSame(mine, dataSource.getConnection());
  }

  @Test
  void whileTheDatabaseAnswersEveryCallGoesToThePool() throws Exception {
    Connection connection = mock(Connection.class);
    when(pool.getConnection()).thenReturn(connection);
    for (int i = 0; i < 3; i++) {
      assertSame(connection, dataSource.getConnection());
    }
    verify(pool, times(3)).getConnection();
    assertTrue(prober.pendingCount() == 0, "no probe while the database answers");
  }
}
