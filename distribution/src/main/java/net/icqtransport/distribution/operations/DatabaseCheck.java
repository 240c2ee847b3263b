package net.icqtransport.distribution.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, for {@code /health}: a pooled connection that passes
 * {@link Connection#isValid} (JDBC 4's check, {@code SELECT 1} or the driver's ping). The check runs on its
 * own thread and the caller waits at most {@code wait}: while the database is unreachable, getting a
 * connection blocks for the pool's connection timeout, and {@code /health} must still answer at once. A
 * check still running is joined rather than started again. Changes are logged once each way.
 */
public final class DatabaseCheck implements BooleanSupplier, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseCheck.class);

  private final DataSource dataSource;
  private final Duration wait;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread t = new Thread(runnable, "database-check");
    t.setDaemon(true);
    return t;
  });
  private CompletableFuture<Boolean> running;
  private boolean lastUp = true;

  public DatabaseCheck(DataSource dataSource, Duration wait) {
    this.dataSource = dataSource;
    this.wait = wait;
  }

  /** True when the database answered within the wait. */
  @Override
  public synchronized boolean getAsBoolean() {
    if (running == null || running.isDone()) {
      running = CompletableFuture.supplyAsync(this::ping, thread);
    }
    boolean up;
    try {
      up = running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      up = false;
    } catch (ExecutionException e) {
      up = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      up = false;
    }
    if (up != lastUp) {
      if (up) {
        LOG.info("The database answers again");
      } else {
        LOG.warn("The database does not answer within {} ms", wait.toMillis());
      }
      lastUp = up;
    }
    return up;
  }

  private boolean ping() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid((int) Math.max(1, wait.toSeconds()));
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Database check failed: {}", e.getMessage());
      return false;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
