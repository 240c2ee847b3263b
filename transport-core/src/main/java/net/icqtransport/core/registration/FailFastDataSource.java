package net.icqtransport.core.registration;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The stores' data source, which waits for an unreachable database once, not at every call. A pool waits its
 * connection timeout for each caller while the database does not answer; the stores are called on the users'
 * lanes, which run on the event loops of the legacy network, so each such wait would hold every session on that
 * loop. After one connection attempt failed, every call fails at once (with the same kind of {@link SQLException}
 * the stores turn into a {@link StoreException}) until a probe on {@code prober}, every {@code probeInterval},
 * gets a connection again: then calls go through as before.
 */
public final class FailFastDataSource implements DataSource {
  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

  private final DataSource pool;
  private final ScheduledExecutorService prober;
  private final Duration probeInterval;
  /** Whether the last attempt failed and no probe has got a connection since. */
  private final AtomicBoolean down = new AtomicBoolean();

  /**
   * @param pool the pooled data source the calls go to
   * @param prober where the probes run while the database is down; its waits block only it
   * @param probeInterval how long after a failed attempt the next probe starts
   */
  public FailFastDataSource(DataSource pool, ScheduledExecutorService prober, Duration probeInterval) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.prober = Objects.requireNonNull(prober, "prober");
    if (probeInterval.isNegative() || probeInterval.isZero()) {
      throw new IllegalArgumentException("probeInterval must be positive: " + probeInterval);
    }
    this.probeInterval = probeInterval;
  }

  /** Whether calls fail at once because the database did not answer (until a probe gets a connection). */
  public boolean isDown() {
    return down.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    if (down.get()) {
      throw new SQLTransientConnectionException(
          "the database did not answer; calls fail at once until it answers again");
    }
    try {
      return pool.getConnection();
    } catch (SQLException e) {
      failed(e);
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
  }

  private void failed(SQLException e) {
    if (down.compareAndSet(false, true)) {
      LOG.warn("The database did not answer ({}); store calls fail at once until it does, checked every {} ms",
          e.getMessage(), probeInterval.toMillis());
      scheduleProbe();
    }
  }

  private void scheduleProbe() {
    try {
      prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      down.set(false); // no more probes: let the calls wait for the pool again, as without this class
    }
  }

  private void probe() {
    try (Connection connection = pool.getConnection()) {
      down.set(false);
      LOG.info("The database answers again; store calls go through");
    } catch (SQLException | RuntimeException e) {
      scheduleProbe();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
