package net.icqtransport.distribution.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.StanzaListener;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Chat load from logged-in Jabber clients to one echoing address (the echo component or an ICQ echo bot through
 * the transport): each client sends numbered messages and checks that the answers come back complete and in
 * order. Latency is measured from the time a message was due to be sent (so a stalled sender cannot hide
 * queueing: no coordinated omission) to its answer, in a {@link Histogram} of microseconds.
 */
final class ChatLoad {

  /** What one run measured. {@code ratePerSecond} counts answers received in the measured window. */
  record Outcome(long sent, long received, long outOfOrder, long errors, double ratePerSecond, Histogram latencyMicros,
      String firstError) {
    long lost() {
      return sent - received - errors;
    }

    double p50Millis() {
      return latencyMicros.getValueAtPercentile(50) / 1000.0;
    }

    double p99Millis() {
      return latencyMicros.getValueAtPercentile(99) / 1000.0;
    }

    boolean complete() {
      return sent > 0 && received == sent && outOfOrder == 0 && errors == 0;
    }
  }

  /**
   * Told when the measured window opens and closes (after the warm-up, before the drain), e.g. to read the
   * processes' CPU time over exactly the messages counted.
   */
  interface WindowListener {
    WindowListener NONE = new WindowListener() {
      @Override
      public void opened() {}

      @Override
      public void closed() {}
    };

    void opened();

    void closed();
  }

  private static final AtomicInteger RUNS = new AtomicInteger();
  private final List<AbstractXMPPConnection> clients;

  ChatLoad(List<AbstractXMPPConnection> clients) {
    this.clients = List.copyOf(clients);
  }

  /**
   * The highest rate: every client keeps {@code window} messages in flight and sends the next one when an answer
   * arrives. Measures answers per second after the warm-up.
   */
  Outcome closedLoop(String target, int window, Duration warmUp, Duration measured) throws Exception {
    return closedLoop(target, window, warmUp, measured, WindowListener.NONE);
  }

  Outcome closedLoop(String target, int window, Duration warmUp, Duration measured, WindowListener listener)
      throws Exception {
    try (Run run = new Run(target, true)) {
      for (Lane lane : run.lanes) {
        for (int i = 0; i < window; i++) {
          lane.send(System.nanoTime());
        }
      }
      return run.finish(warmUp, measured, listener);
    }
  }

  /** A fixed offered load of {@code perSecond} messages, spread over the clients in turn. */
  Outcome fixedRate(String target, double perSecond, Duration warmUp, Duration measured) throws Exception {
    return fixedRate(target, perSecond, warmUp, measured, WindowListener.NONE);
  }

  Outcome fixedRate(String target, double perSecond, Duration warmUp, Duration measured, WindowListener listener)
      throws Exception {
    try (Run run = new Run(target, false)) {
      Thread sender = new Thread(() -> {
        long start = System.nanoTime();
        long intervalNanos = Math.round(1e9 / perSecond);
        long end = start + warmUp.toNanos() + measured.toNanos();
        for (long i = 0; ; i++) {
          long due = start + i * intervalNanos;
          if (due - end >= 0) {
            return;
          }
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          try {
            run.lanes.get((int) (i % run.lanes.size())).send(due);
          } catch (Exception e) {
            run.errors.incrementAndGet();
          }
        }
      }, "chat-load-sender");
      sender.start();
      Outcome outcome = run.finish(warmUp, measured, listener);
      sender.join();
      return outcome;
    }
  }

  /** One measured run: a listener on every client, counters, and the histogram. */
  private final class Run implements AutoCloseable {
    final int id = RUNS.incrementAndGet();
    final Jid target;
    final boolean closedLoop;
    final List<Lane> lanes = new ArrayList<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong receivedInWindow = new AtomicLong();
    final AtomicLong outOfOrder = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** The first error answer, as XML, for the report of a run that failed. */
    final java.util.concurrent.atomic.AtomicReference<String> firstError = new java.util.concurrent.atomic.AtomicReference<>();
    final ConcurrentHistogram latency = new ConcurrentHistogram(60_000_000L, 3);
    final long startNanos = System.nanoTime();
    volatile long windowStart = Long.MAX_VALUE;
    volatile long windowEnd = Long.MAX_VALUE;
    volatile boolean sending = true;

    Run(String target, boolean closedLoop) throws Exception {
      this.target = JidCreate.from(target);
      this.closedLoop = closedLoop;
      for (AbstractXMPPConnection client : clients) {
        Lane lane = new Lane(this, client);
        lanes.add(lane);
        // Sync listeners run one at a time, in the order the stanzas arrived: the order check is fair.
        client.addSyncStanzaListener(lane, StanzaTypeFilter.MESSAGE);
      }
    }

    Outcome finish(Duration warmUp, Duration measured, WindowListener listener) throws InterruptedException {
      windowStart = startNanos + warmUp.toNanos();
      windowEnd = windowStart + measured.toNanos();
      sleepUntil(windowStart);
      listener.opened();
      sleepUntil(windowEnd);
      listener.closed();
      sending = false;
      if (!closedLoop) {
        TimeUnit.MILLISECONDS.sleep(50); // the sender thread stops at the end of the window
      }
      long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (received.get() + errors.get() < sent.get() && System.nanoTime() < drainUntil) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      double seconds = measured.toNanos() / 1e9;
      return new Outcome(sent.get(), received.get(), outOfOrder.get(), errors.get(),
          receivedInWindow.get() / seconds, latency.copy(), firstError.get());
    }

    private void sleepUntil(long nanos) throws InterruptedException {
      long sleep = nanos - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
    }

    @Override
    public void close() {
      sending = false;
      for (Lane lane : lanes) {
        lane.client.removeSyncStanzaListener(lane);
      }
    }
  }

  /** One client's numbered messages and the order check of their answers. */
  private static final class Lane implements StanzaListener {
    final Run run;
    final AbstractXMPPConnection client;
    long nextSeq; // guarded by this
    long expectedSeq; // only on the client's listener thread

    Lane(Run run, AbstractXMPPConnection client) {
      this.run = run;
      this.client = client;
    }

    void send(long dueNanos) throws Exception {
      String body;
      synchronized (this) {
        body = run.id + ":" + nextSeq++ + ":" + dueNanos;
        run.sent.incrementAndGet();
        client.sendStanza(client.getStanzaFactory().buildMessageStanza()
            .to(run.target).ofType(Message.Type.chat).setBody(body).build());
      }
    }

    @Override
    public void processStanza(org.jivesoftware.smack.packet.Stanza stanza) {
      Message message = (Message) stanza;
      if (message.getFrom() == null || !message.getFrom().asBareJid().equals(run.target.asBareJid())) {
        return;
      }
      if (message.getType() == Message.Type.error) {
        run.firstError.compareAndSet(null, message.toXML().toString());
        run.errors.incrementAndGet();
        return;
      }
      String body = message.getBody();
      String[] parts = body == null ? new String[0] : body.split(":", 3);
      if (parts.length != 3 || Integer.parseInt(parts[0]) != run.id) {
        return; // a late answer of an earlier run
      }
      long now = System.nanoTime();
      long seq = Long.parseLong(parts[1]);
      long due = Long.parseLong(parts[2]);
      if (seq != expectedSeq) {
        run.outOfOrder.incrementAndGet();
      }
      expectedSeq = seq + 1;
      run.received.incrementAndGet();
      if (now - run.windowStart >= 0 && now - run.windowEnd < 0) {
        run.receivedInWindow.incrementAndGet();
        run.latency.recordValue(Math.max(0, (now - due) / 1000));
      }
      if (run.closedLoop && run.sending) {
        try {
          send(now);
        } catch (Exception e) {
          run.errors.incrementAndGet();
        }
      }
    }
  }
}
