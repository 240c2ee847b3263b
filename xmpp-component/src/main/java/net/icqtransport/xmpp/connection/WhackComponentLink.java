package net.icqtransport.xmpp.connection;

import com.google.common.util.concurrent.MoreExecutors;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.whack.ExternalComponent;
import org.jivesoftware.whack.ExternalComponentManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.Packet;

/**
 * One XEP-0114 stream made by Whack 3.1.0's {@link ExternalComponent}, used once and thrown away.
 *
 * <p>What this changes in Whack, and why:
 *
 * <ul>
 *   <li>Inbound stanzas are processed on Whack's reader thread (a direct executor instead of Whack's pool of
 *       25 threads, which reorders them); the {@link InboundComponent} only queues them per sender.
 *   <li>{@link #connectionLost()} does not run Whack's reconnect loop (fixed 5 s, re-runs
 *       {@code component.start()}, leaks keepalive tasks, and blocks the writing thread while it holds the
 *       writer lock): it only marks this link dead. The {@link ConnectionSupervisor} makes a new link, and
 *       {@link #close()} cancels this link's keepalive and timeout tasks.
 *   <li>Whack's reader thread ends silently when the server closes the stream with {@code </stream:stream>};
 *       {@link #awaitClosed()} watches that thread so such a close is noticed too.
 * </ul>
 */
final class WhackComponentLink extends ExternalComponent implements ComponentLink {
  private static final Logger LOG = LoggerFactory.getLogger(WhackComponentLink.class);

  private final CountDownLatch lost = new CountDownLatch(1);
  /** Set by {@link #connectionLost()} when it is called from inside {@link #write} on the same thread. */
  private final ThreadLocal<boolean[]> writeFailure = new ThreadLocal<>();
  private volatile boolean closed;
  private volatile Thread readerThread;
  /** What carries the stream below Whack when it is not Whack's own socket (the TLS relay), closed with this link. */
  private volatile Closeable transport;

  private WhackComponentLink(InboundComponent component, ExternalComponentManager manager) {
    super(component, manager, MoreExecutors.newDirectExecutorService());
  }

  /** Connects, authenticates and starts reading; throws {@link ComponentException} if any step fails. */
  static WhackComponentLink open(
      ExternalComponentManager manager, InboundComponent component, String host, int port, String domain)
      throws ComponentException {
    return open(manager, component, host, port, domain, null);
  }

  /**
   * As {@link #open(ExternalComponentManager, InboundComponent, String, int, String)}, where {@code host:port}
   * is served by {@code transport} (closed when this link closes or fails to open).
   */
  static WhackComponentLink open(ExternalComponentManager manager, InboundComponent component, String host, int port,
      String domain, Closeable transport) throws ComponentException {
    WhackComponentLink link = new WhackComponentLink(component, manager);
    link.transport = transport;
    // The full domain as "subdomain" with no server name: Whack then opens the stream to exactly this domain.
    try {
      link.connect(host, port, domain, false);
    } catch (ComponentException | RuntimeException e) {
      link.closeTransport();
      throw e;
    }
    link.start();
    link.readerThread = findReaderThread(link);
    return link;
  }

  @Override
  public boolean write(Packet packet) {
    if (closed || lost.getCount() == 0) {
      return false;
    }
    boolean[] failed = new boolean[1];
    writeFailure.set(failed);
    try {
      send(packet);
    } finally {
      writeFailure.remove();
    }
    return !failed[0];
  }

  /** Called by Whack when reading or writing fails; must not block (it may run under Whack's writer lock). */
  @Override
  public void connectionLost() {
    boolean[] failed = writeFailure.get();
    if (failed != null) {
      failed[0] = true;
    }
    if (!closed && lost.getCount() > 0) {
      LOG.debug("Whack reports the component connection lost");
    }
    lost.countDown();
  }

  @Override
  public void awaitClosed() throws InterruptedException {
    while (!lost.await(500, TimeUnit.MILLISECONDS)) {
      Thread reader = readerThread;
      if (closed || (reader != null && !reader.isAlive())) {
        lost.countDown();
        return;
      }
    }
  }

  @Override
  public boolean isOpen() {
    return !closed && lost.getCount() > 0;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    lost.countDown();
    try {
      shutdown(); // cancels this stream's keepalive/timeout tasks, sends </stream:stream>, closes the socket
    } catch (RuntimeException e) {
      LOG.debug("Error while closing the component stream", e);
    }
    closeTransport();
  }

  private void closeTransport() {
    Closeable t = transport;
    if (t != null) {
      try {
        t.close();
      } catch (IOException e) {
        LOG.debug("Error while closing the component transport", e);
      }
    }
  }

  /** Whack keeps its reader thread private; watching it is the only way to notice a clean end of stream. */
  private static Thread findReaderThread(ExternalComponent component) {
    try {
      Field field = ExternalComponent.class.getDeclaredField("readerThread");
      field.setAccessible(true);
      return (Thread) field.get(component);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Cannot watch Whack's reader thread ({}); a clean end of stream is noticed only by the keepalive", e.toString());
      return null;
    }
  }
}
