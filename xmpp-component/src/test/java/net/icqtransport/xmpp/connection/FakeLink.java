package net.icqtransport.xmpp.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xmpp.packet.Packet;

/** A link that records written stanzas; can be told to fail writes or to drop. */
public final class FakeLink implements ComponentLink {
  private final List<Packet> written = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile int failWritesFrom = Integer.MAX_VALUE;
  private volatile Consumer<Packet> onWrite = packet -> {};
  private volatile String unwritableId;
  private volatile Thread ownThread;

  /** Writes on {@code thread} return without waiting, as a link on that thread's event loop does. */
  public void writesWithoutWaitingOn(Thread thread) {
    ownThread = thread;
  }

  @Override
  public boolean writesWithoutWaiting() {
    return Thread.currentThread() == ownThread;
  }

  /** Runs {@code hook} with each stanza written, on the writing thread, after recording it. */
  public void onWrite(Consumer<Packet> hook) {
    onWrite = hook;
  }

  /** Waits until the link is closed or dropped; true if it was within the timeout. */
  public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
    return closed.await(timeout, unit);
  }

  /** The stanza with this id cannot be serialized: a write that includes it throws and writes nothing. */
  public void unwritable(String id) {
    unwritableId = id;
  }

  /** Writes number {@code n} (0-based) and later fail, as when the socket breaks. */
  public void failWritesFrom(int n) {
    failWritesFrom = n;
  }

  /** Simulates the server going away. */
  public void drop() {
    closed.countDown();
  }

  @Override
  public int write(List<Packet> stanzas) {
    if (stanzas.stream().anyMatch(stanza -> stanza.getID() != null && stanza.getID().equals(unwritableId))) {
      throw new IllegalArgumentException("cannot serialize " + unwritableId);
    }
    for (int i = 0; i < stanzas.size(); i++) {
      if (!record(stanzas.get(i))) {
        return i;
      }
    }
    return stanzas.size();
  }

  private boolean record(Packet packet) {
    synchronized (this) {
      if (!isOpen() || written.size() >= failWritesFrom) {
        closed.countDown();
        return false;
      }
      written.add(packet);
    }
    onWrite.accept(packet);
    return true;
  }

  public synchronized List<Packet> written() {
    return List.copyOf(written);
  }

  /** Waits until at least {@code n} stanzas were written. */
  public List<Packet> awaitWritten(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<Packet> now = written();
      if (now.size() >= n) {
        return now;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("only " + written().size() + " of " + n + " stanzas written: " + written());
  }

  @Override
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  @Override
  public boolean isOpen() {
    return closed.getCount() > 0;
  }

  @Override
  public void close() {
    closed.countDown();
  }
}
