package net.icqtransport.xmpp.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import net.icqtransport.core.tls.CertificateRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one XEP-0114 link to the server up: retries the first connect with exponential backoff and jitter
 * (Whack throws once and gives up), and makes a fresh link after every loss (instead of Whack's own fixed
 * 5 s reconnect loop, which re-runs {@code component.start()} and piles up keepalive tasks). Runs on its
 * own thread until {@link #stop()}.
 *
 * <p>A server that refuses the component itself ({@link ComponentRefusedException}: wrong secret, unknown
 * domain) is told why at ERROR, and asked again ever more rarely, up to {@value #REFUSED_BACKOFF_FACTOR} times
 * the usual longest delay: only a change of configuration helps, and each attempt is a failed authentication
 * in the server's log. {@link #problem()} says why the link is down, for {@code /health}.
 */
public final class ConnectionSupervisor {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
  /** How much longer than the usual longest delay the backoff grows while the server refuses the component. */
  static final int REFUSED_BACKOFF_FACTOR = 5;

  private final ComponentConnector connector;
  private final BackoffPolicy backoff;
  private final BackoffPolicy refusedBackoff;
  private final ConnectionListener listener;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final String description;
  private final CountDownLatch firstConnection = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();

  private volatile boolean stopped;
  private volatile ComponentLink current;
  /** Why the last attempt failed or the last link went away; null while connected and before the first attempt. */
  private volatile String problem;
  private Thread thread;

  /**
   * @param description where we connect to, for log lines (never the secret)
   */
  public ConnectionSupervisor(
      ComponentConnector connector,
      BackoffPolicy backoff,
      ConnectionListener listener,
      Sleeper sleeper,
      DoubleSupplier random,
      String description) {
    this.connector = Objects.requireNonNull(connector, "connector");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.refusedBackoff = new BackoffPolicy(backoff.initial(), backoff.max().multipliedBy(REFUSED_BACKOFF_FACTOR),
        backoff.multiplier(), backoff.jitter());
    this.listener = Objects.requireNonNull(listener, "listener");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.description = Objects.requireNonNull(description, "description");
  }

  /** Starts connecting in the background; returns at once. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, "xmpp-component-connection");
    thread.setDaemon(true);
    thread.start();
  }

  /** Waits until the first link is up; true if it came up in time. */
  public boolean awaitFirstConnection(Duration timeout) throws InterruptedException {
    return firstConnection.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether a link is up right now. */
  public boolean isConnected() {
    ComponentLink link = current;
    return link != null && link.isOpen();
  }

  /** Why the link is down (the last failed attempt, or the loss being repaired); empty while connected. */
  public Optional<String> problem() {
    return isConnected() ? Optional.empty() : Optional.ofNullable(problem);
  }

  /** How many links have come up so far (1 after the first connect, 2 after the first reconnect, …). */
  public int connectionCount() {
    return connections.get();
  }

  /** Closes the current link and stops retrying; waits for the supervisor thread to end. */
  public void stop() {
    Thread t;
    synchronized (this) {
      stopped = true;
      t = thread;
    }
    ComponentLink link = current;
    if (link != null) {
      link.close();
    }
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    int failedAttempts = 0;
    while (!stopped) {
      ComponentLink link;
      try {
        link = connector.connect();
      } catch (InterruptedException e) {
        break;
      } catch (Exception e) {
        failedAttempts++;
        Optional<CertificateRefusedException> refused = CertificateRefusedException.from(description, e);
        Duration delay;
        if (refused.isPresent()) {
          // A bad certificate stays bad until someone fixes it: say so loudly, and knock only rarely.
          delay = backoff.delayAfter(Integer.MAX_VALUE, random);
          problem = refused.get().getMessage();
          LOG.error("Refused the XMPP server at {} (attempt {}): {}; retrying in {} ms",
              description, failedAttempts, problem, delay.toMillis());
        } else if (e instanceof ComponentRefusedException componentRefused) {
          delay = refusedBackoff.delayAfter(failedAttempts, random);
          problem = componentRefused.getMessage();
          LOG.error("Cannot connect as a component (attempt {}): {}; retrying in {} ms (after fixing the "
              + "configuration, a restart connects at once)", failedAttempts, problem, delay.toMillis());
        } else {
          delay = backoff.delayAfter(failedAttempts, random);
          problem = "cannot connect to the XMPP server at " + description + ": " + e;
          // Only the message: a ComponentException never carries the secret, but stack traces every few
          // seconds while the server is down would drown the log.
          LOG.warn("Cannot connect to the XMPP server at {} (attempt {}): {}; retrying in {} ms",
              description, failedAttempts, e.toString(), delay.toMillis());
        }
        if (!pause(delay)) {
          break;
        }
        continue;
      }
      failedAttempts = 0;
      if (stopped) {
        link.close();
        break;
      }
      current = link;
      problem = null;
      int n = connections.incrementAndGet();
      LOG.info("Connected to the XMPP server at {} (connection #{})", description, n);
      try {
        listener.connected(link);
      } catch (RuntimeException e) {
        LOG.error("Connection listener failed", e);
      }
      firstConnection.countDown();
      try {
        link.awaitClosed();
      } catch (InterruptedException e) {
        // stop() interrupts us; the loop condition decides
      }
      current = null;
      link.close();
      try {
        listener.disconnected(link);
      } catch (RuntimeException e) {
        LOG.error("Connection listener failed", e);
      }
      if (!stopped) {
        problem = "lost the connection to the XMPP server at " + description + "; reconnecting";
        LOG.warn("Lost the connection to the XMPP server at {}; reconnecting", description);
        // A short pause so a server that accepts and drops at once is not hammered.
        if (!pause(backoff.delayAfter(1, random))) {
          break;
        }
      }
    }
    LOG.info("Component connection to {} stopped", description);
  }

  private boolean pause(Duration delay) {
    try {
      sleeper.sleep(delay);
      return !stopped;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
