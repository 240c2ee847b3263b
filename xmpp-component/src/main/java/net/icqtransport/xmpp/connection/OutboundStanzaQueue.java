package net.icqtransport.xmpp.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

/**
 * All outbound stanzas in one FIFO, written by one thread: callers (handlers, the bridge) never block on the
 * socket, every user's stanzas keep their order, and while the server is away stanzas wait for the next
 * link instead of being lost. A stanza whose write failed is written again on the next link. The writer hands
 * everything waiting (up to {@value #MAX_BATCH} stanzas) to the link at once, which writes it to the socket
 * together: under load, one socket write carries many stanzas. The queue is
 * unbounded but measured: {@link #backlog()} and a warning each time the backlog doubles past 1,000. A stanza
 * sent from a thread that works in turns (an event loop, {@link EndOfTurn}) wakes the writer at the end of
 * that turn, once for all the stanzas the turn sent (issue #20: a wake-up per stanza cost more than its write);
 * where the link writes on that thread without waiting (a {@link NettyComponentLink} on the same event loop), the
 * thread writes them itself at the end of its turn and the writer is not woken at all.
 *
 * <p>{@link #sendConfirmed} tells when a stanza was handed to the socket, so the bridge may delete a message
 * stored on ICQ only once it reached the XMPP server. It fails at once while there is no link, and fails the
 * confirmed stanzas still waiting when the link goes away (or the queue stops): their sender keeps them
 * durably and hands them over again once the user is known to be there (their available presence after the
 * next connection), with their original time as a delay stamp (XEP-0203), rather than this memory-only queue
 * writing them late without one.
 */
public final class OutboundStanzaQueue implements StanzaSender, ConnectionListener {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundStanzaQueue.class);
  private static final int FIRST_WARNING = 1_000;
  /** At most this many stanzas are handed to the link at once. */
  private static final int MAX_BATCH = 256;

  private final ReentrantLock lock = new ReentrantLock();
  /**
   * Held while a batch is taken and written, by the writer thread or by a sender that writes its turn's stanzas
   * itself: batches reach the link in the order they left the queue.
   */
  private final ReentrantLock writing = new ReentrantLock();
  /**
   * The writer thread waits here for stanzas, a link or the stop. Apart from {@link #drained}: a batch written by a
   * sender at the end of its turn must not wake the writer only for it to find the queue empty (a futile wake-up,
   * a system call and two switches of threads per turn, issue #20).
   */
  private final Condition work = lock.newCondition();
  /** {@link #awaitDrained} waits here for batches to be written. */
  private final Condition drained = lock.newCondition();
  private final Deque<Outbound> queue = new ArrayDeque<>();
  private final Thread writer;
  private final EndOfTurn endOfTurn;
  /** Per sending thread: whether a wake of the writer at the end of its turn is arranged already. */
  private final ThreadLocal<boolean[]> wakeArranged = ThreadLocal.withInitial(() -> new boolean[1]);
  private ComponentLink link;
  /** Stanzas taken from the queue by a writer and not yet settled. */
  private int inFlight;
  private boolean stopped;
  private int nextWarning = FIRST_WARNING;
  private long written;

  /** A queue whose senders wake the writer at once. */
  public OutboundStanzaQueue() {
    this(EndOfTurn.NONE);
  }

  /** A queue whose senders that work in turns ({@code endOfTurn}) wake the writer at the end of their turn. */
  public OutboundStanzaQueue(EndOfTurn endOfTurn) {
    this.endOfTurn = Objects.requireNonNull(endOfTurn, "endOfTurn");
    writer = new Thread(this::run, "xmpp-outbound");
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void send(Packet packet) {
    enqueue(packet, null);
  }

  @Override
  public CompletableFuture<Void> sendConfirmed(Packet packet) {
    CompletableFuture<Void> confirmation = new CompletableFuture<>();
    enqueue(packet, confirmation);
    return confirmation;
  }

  private void enqueue(Packet packet, CompletableFuture<Void> confirmation) {
    Objects.requireNonNull(packet, "packet");
    lock.lock();
    try {
      if (stopped) {
        // A graceful stop writes everything owed before the queue stops (TransportComponent#stop): this one came
        // too late, and is lost.
        LOG.error("Stopped: a {} to {} is not sent", packet.getElement().getName(), packet.getTo());
        if (confirmation != null) {
          confirmation.completeExceptionally(new IllegalStateException("the XMPP component is stopped"));
        }
        return;
      }
      if (confirmation != null && link == null) {
        confirmation.completeExceptionally(new IllegalStateException("no connection to the XMPP server"));
        return;
      }
      queue.addLast(new Outbound(packet, confirmation));
      if (queue.size() >= nextWarning) {
        LOG.warn("{} outbound stanzas are waiting ({})", queue.size(), link == null ? "no connection to the server" : "server is slow");
        nextWarning *= 2;
      }
      if (!wakeDeferred()) {
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: whether the writer is woken at the end of the calling thread's turn rather than now. */
  private boolean wakeDeferred() {
    boolean[] arranged = wakeArranged.get();
    if (arranged[0]) {
      return true;
    }
    if (endOfTurn.runAfterThisTurn(this::wakeAtEndOfTurn)) {
      arranged[0] = true;
      return true;
    }
    return false;
  }

  /**
   * At the end of a sender's turn: where the link writes on this thread without waiting (its event loop), the
   * turn's stanzas are written here, sparing the writer thread a wake-up; else (or while the writer is busy with a
   * batch) the writer is woken.
   */
  private void wakeAtEndOfTurn() {
    wakeArranged.get()[0] = false;
    ComponentLink target;
    lock.lock();
    try {
      target = link;
      if (target == null || !target.writesWithoutWaiting() || !writing.tryLock()) {
        work.signal();
        return;
      }
    } finally {
      lock.unlock();
    }
    try {
      while (writeBatch()) {
        // until the queue is empty or the link changed
      }
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void connected(ComponentLink newLink) {
    lock.lock();
    try {
      link = newLink;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void disconnected(ComponentLink oldLink) {
    lock.lock();
    try {
      if (link == oldLink) {
        link = null;
        IllegalStateException linkLost = new IllegalStateException("the connection to the XMPP server was lost");
        queue.removeIf(entry -> {
          if (entry.isConfirmed()) {
            entry.failed(linkLost);
            return true;
          }
          return false;
        });
        drained.signalAll(); // no link: awaitDrained gives up
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stanzas waiting to be written. */
  public int backlog() {
    lock.lock();
    try {
      return queue.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Stanzas written so far. */
  public long written() {
    lock.lock();
    try {
      return written;
    } finally {
      lock.unlock();
    }
  }

  /** The thread that writes what senders outside a turn queue (for tests that watch its wake-ups). */
  Thread writerThread() {
    return writer;
  }

  /** Waits until everything queued so far is written, or the timeout passes; true if drained. */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!queue.isEmpty() || inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || link == null) {
          return false;
        }
        drained.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the writer; stanzas still queued are counted in the log and discarded. */
  public void stop() {
    lock.lock();
    try {
      stopped = true;
      work.signal();
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      if (!queue.isEmpty()) {
        LOG.warn("Discarding {} outbound stanzas at shutdown", queue.size());
        IllegalStateException stoppedFirst = new IllegalStateException("the XMPP component stopped before writing it");
        queue.forEach(entry -> entry.failed(stoppedFirst));
        queue.clear();
      }
    } finally {
      lock.unlock();
    }
  }

  private void run() {
    while (true) {
      lock.lock();
      try {
        while (!stopped && (queue.isEmpty() || link == null)) {
          work.await(); // every change it waits for signals work under the lock
        }
        if (stopped) {
          return;
        }
      } catch (InterruptedException e) {
        if (stopped) {
          return;
        }
        continue;
      } finally {
        lock.unlock();
      }
      writing.lock();
      try {
        writeBatch();
      } finally {
        writing.unlock();
      }
    }
  }

  /**
   * With {@link #writing} held: takes up to {@value #MAX_BATCH} stanzas from the queue and writes them to the link,
   * then lets their senders know. False if there was nothing to write or no link to write to.
   */
  private boolean writeBatch() {
    List<Outbound> batch = new ArrayList<>();
    ComponentLink target;
    lock.lock();
    try {
      if (stopped || link == null) {
        return false;
      }
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.pollFirst());
      }
      if (batch.isEmpty()) {
        return false;
      }
      target = link;
      inFlight = batch.size();
    } finally {
      lock.unlock();
    }
    int settled = write(target, batch);
    List<Outbound> handedOver = new ArrayList<>(settled);
    boolean linkBroke = settled < batch.size();
    lock.lock();
    try {
      inFlight = 0;
      for (int i = 0; i < settled; i++) {
        Outbound entry = batch.get(i);
        if (!entry.unwritable) {
          written++;
          handedOver.add(entry);
        }
      }
      if (linkBroke) {
        // The link broke: confirmed stanzas fail (their senders keep them), the others keep their place and
        // are written again on the next link.
        IllegalStateException linkLost = new IllegalStateException("the connection to the XMPP server was lost");
        for (int i = batch.size() - 1; i >= settled; i--) {
          Outbound entry = batch.get(i);
          if (entry.isConfirmed()) {
            entry.failed(linkLost);
          } else {
            queue.addFirst(entry);
          }
        }
        if (link == target) {
          link = null;
        }
      }
      drained.signalAll();
    } finally {
      lock.unlock();
    }
    handedOver.forEach(Outbound::written); // outside the lock: the callers' continuations may send more
    return !linkBroke;
  }

  /**
   * Writes {@code batch} to {@code target}; returns how many entries, from the first, are settled: handed over,
   * or found {@linkplain Outbound#unwritable unwritable} (reported, failed and skipped). The rest were not
   * written because the link broke.
   */
  private static int write(ComponentLink target, List<Outbound> batch) {
    List<Packet> stanzas = new ArrayList<>(batch.size());
    for (Outbound entry : batch) {
      stanzas.add(entry.packet);
    }
    try {
      return target.write(stanzas);
    } catch (RuntimeException e) {
      // One of them cannot be serialized (none was written): one at a time, to skip only that one.
    }
    for (int i = 0; i < batch.size(); i++) {
      Outbound entry = batch.get(i);
      try {
        if (target.write(List.of(entry.packet)) == 0) {
          return i;
        }
      } catch (RuntimeException e) {
        // It would fail again: report and skip it rather than loop.
        LOG.error("Cannot write a {} to {}; skipped", entry.packet.getElement().getName(), entry.packet.getTo(), e);
        entry.unwritable = true;
        entry.failed(e);
      }
    }
    return batch.size();
  }

  /** A queued stanza and, for {@link #sendConfirmed}, who waits for it to be written. */
  private static final class Outbound {
    final Packet packet;
    final CompletableFuture<Void> confirmation;
    /** Set by the writer when the stanza cannot be serialized: it was failed and skipped. */
    boolean unwritable;

    Outbound(Packet packet, CompletableFuture<Void> confirmation) {
      this.packet = packet;
      this.confirmation = confirmation;
    }

    boolean isConfirmed() {
      return confirmation != null;
    }

    void written() {
      if (confirmation != null) {
        confirmation.complete(null);
      }
    }

    void failed(Throwable cause) {
      if (confirmation != null) {
        confirmation.completeExceptionally(cause);
      }
    }
  }
}
