package net.icqtransport.xmpp;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the stanzas the component has read and not yet handled, so a stop can wait for exactly those: the
 * users' lanes also run bridge work, which a stop must not wait for.
 */
final class StanzasInHand {
  private int count;

  synchronized void read() {
    count++;
  }

  synchronized void handled() {
    if (--count == 0) {
      notifyAll();
    }
  }

  synchronized int count() {
    return count;
  }

  /** Waits until every stanza read so far was handled, or the timeout passes; true if none is left. */
  synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }
}
