package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/** Outbound stanzas wait for a link, keep their order and survive a broken write. */
class OutboundStanzaQueueTest {
  private final OutboundStanzaQueue queue = new OutboundStanzaQueue();

  @AfterEach
  void stop() {
    queue.stop();
  }

  @Test
  void stanzasWaitForTheLinkAndKeepTheirOrder() throws Exception {
    IntStream.range(0, 100).forEach(i -> queue.send(message(i)));
    Thread.sleep(50);
    assertEquals(100, queue.backlog());

    FakeLink link = new FakeLink();
    queue.connected(link);

    assertEquals(ids(0, 100), idsOf(link.awaitWritten(100)));
    assertTrue(queue.awaitDrained(Duration.ofSeconds(5)));
    assertEquals(0, queue.backlog());
  }

  @Test
  void aStanzaWhoseWriteFailedIsWrittenOnTheNextLink() throws Exception {
    FakeLink broken = new FakeLink();
    broken.failWritesFrom(3);
    queue.connected(broken);
    IntStream.range(0, 10).forEach(i -> queue.send(message(i)));
    broken.awaitWritten(3);
    Thread.sleep(50);
    queue.disconnected(broken);

    FakeLink next = new FakeLink();
    queue.connected(next);

    assertEquals(ids(0, 3), idsOf(broken.written()));
    assertEquals(ids(3, 10), idsOf(next.awaitWritten(7)), "nothing lost, nothing reordered");
  }

  @Test
  void aConfirmedSendCompletesOnlyOnceTheStanzaWasWritten() throws Exception {
    FakeLink link = new FakeLink();
    queue.connected(link);
    CompletableFuture<Void> confirmation = queue.sendConfirmed(message(0));
    confirmation.get(5, TimeUnit.SECONDS);
    assertEquals(List.of("m0"), idsOf(link.written()));
  }

  @Test
  void withoutALinkAConfirmedSendFailsAtOnceSoItsSenderKeepsItDurably() throws Exception {
    CompletableFuture<Void> confirmation = queue.sendConfirmed(message(0));

    assertTrue(confirmation.isCompletedExceptionally(), "the caller stores it and hands it over again later");
    FakeLink link = new FakeLink();
    queue.connected(link);
    queue.send(message(1));
    assertEquals(List.of("m1"), idsOf(link.awaitWritten(1)), "the failed one is not written too");
  }

  @Test
  void aConfirmedSendWhoseWriteFailsIsFailedNotRetried() throws Exception {
    FakeLink broken = new FakeLink();
    broken.failWritesFrom(0);
    queue.connected(broken);

    CompletableFuture<Void> confirmation = queue.sendConfirmed(message(0));

    assertThrows(ExecutionException.class, () -> confirmation.get(5, TimeUnit.SECONDS));
    FakeLink next = new FakeLink();
    queue.connected(next);
    queue.send(message(1));
    assertEquals(List.of("m1"), idsOf(next.awaitWritten(1)));
  }

  @Test
  void aStanzaThatCannotBeSerializedIsFailedAndSkippedAndTheRestOfItsBurstIsWrittenInOrder() throws Exception {
    IntStream.range(0, 5).forEach(i -> queue.send(message(i))); // waiting together: handed over as one burst
    FakeLink link = new FakeLink();
    link.unwritable("m2");

    queue.connected(link);

    assertEquals(List.of("m0", "m1", "m3", "m4"), idsOf(link.awaitWritten(4)));
    assertTrue(queue.awaitDrained(Duration.ofSeconds(5)));
    CompletableFuture<Void> unwritable = queue.sendConfirmed(message(2));
    assertThrows(ExecutionException.class, () -> unwritable.get(5, TimeUnit.SECONDS));
    queue.send(message(5));
    assertEquals(List.of("m0", "m1", "m3", "m4", "m5"), idsOf(link.awaitWritten(5)), "the link goes on");
  }

  @Test
  void aConfirmedSendFailsWhenTheQueueStopsBeforeWritingIt() {
    CompletableFuture<Void> pending = queue.sendConfirmed(message(0));

    queue.stop();

    assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
    assertTrue(queue.sendConfirmed(message(1)).isCompletedExceptionally(), "nothing is taken after stop");
  }

  /**
   * Issue #20: stanzas sent during an event loop's turn wake the writer once, at the end of the turn, and each
   * turn arranges its own wake; a thread without turns wakes it at once.
   */
  @Test
  void stanzasSentInOneTurnWakeTheWriterOnceAtItsEnd() throws Exception {
    java.util.List<Runnable> turnEnds = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread turnThread = Thread.currentThread();
    OutboundStanzaQueue inTurns = queueWorkingInTurnsOn(turnThread, turnEnds);
    try {
      FakeLink link = new FakeLink();
      inTurns.connected(link);
      IntStream.range(0, 3).forEach(i -> inTurns.send(message(i)));
      assertEquals(1, turnEnds.size(), "one wake arranged for the turn's three stanzas");

      turnEnds.get(0).run(); // the turn is over
      assertEquals(ids(0, 3), idsOf(link.awaitWritten(3)));

      inTurns.send(message(3));
      assertEquals(2, turnEnds.size(), "the next turn arranges its own wake");
      turnEnds.get(1).run();
      assertEquals(ids(0, 4), idsOf(link.awaitWritten(4)));

      Thread other = new Thread(() -> inTurns.send(message(4)));
      other.start();
      other.join();
      assertEquals(ids(0, 5), idsOf(link.awaitWritten(5)), "a thread without turns wakes the writer itself");
      assertEquals(2, turnEnds.size());
    } finally {
      inTurns.stop();
    }
  }

  @Test
  void aTurnOnTheLinksOwnLoopWritesItsStanzasItselfAndTheWriterStaysAsleep() throws Exception {
    java.util.List<Runnable> turnEnds = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread turnThread = Thread.currentThread();
    OutboundStanzaQueue inTurns = queueWorkingInTurnsOn(turnThread, turnEnds);
    try {
      FakeLink link = new FakeLink();
      link.writesWithoutWaitingOn(turnThread);
      java.util.List<String> writers = new java.util.concurrent.CopyOnWriteArrayList<>();
      link.onWrite(packet -> writers.add(Thread.currentThread().getName()));
      inTurns.connected(link);
      IntStream.range(0, 3).forEach(i -> inTurns.send(message(i)));
      assertEquals(List.of(), link.written(), "nothing is written before the turn ends");

      turnEnds.get(0).run(); // the turn is over

      assertEquals(ids(0, 3), idsOf(link.written()), "written by the end of the turn, not later by the writer");
      assertEquals(List.of(turnThread.getName(), turnThread.getName(), turnThread.getName()), writers);
      assertEquals(3, inTurns.written());
      assertTrue(inTurns.awaitDrained(java.time.Duration.ofSeconds(1)));

      sendFromAThreadWithoutTurns(inTurns, message(3));
      assertEquals(ids(0, 4), idsOf(link.awaitWritten(4)), "a thread without turns still has the writer write");
      assertEquals("xmpp-outbound", writers.get(3));
    } finally {
      inTurns.stop();
    }
  }

  @Test
  void aTurnThatWritesItsOwnStanzasLeavesTheWriterThreadAsleep() throws Exception {
    java.util.List<Runnable> turnEnds = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread turnThread = Thread.currentThread();
    OutboundStanzaQueue inTurns = queueWorkingInTurnsOn(turnThread, turnEnds);
    try {
      FakeLink link = new FakeLink();
      link.writesWithoutWaitingOn(turnThread);
      inTurns.connected(link);
      sendFromAThreadWithoutTurns(inTurns, message(0));
      link.awaitWritten(1); // by the writer thread, which then waits for more
      Thread writer = inTurns.writerThread();
      long waitsBefore = awaitWaitingForWork(writer);

      IntStream.range(1, 4).forEach(i -> inTurns.send(message(i)));
      turnEnds.get(0).run();
      assertEquals(ids(0, 4), idsOf(link.written()));

      // A wake-up for nothing shows as one more wait once the writer finds the queue empty; give it the time.
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
      while (waitsOf(writer) == waitsBefore && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(waitsBefore, waitsOf(writer), "the turn's own write woke the writer thread for nothing");
    } finally {
      inTurns.stop();
    }
  }

  private static void sendFromAThreadWithoutTurns(OutboundStanzaQueue queue, Message message)
      throws InterruptedException {
    Thread other = new Thread(() -> queue.send(message), "not-a-loop");
    other.start();
    other.join();
  }

  /** Waits until {@code writer} waits for work (parked on the queue's condition); returns its count of waits. */
  private static long awaitWaitingForWork(Thread writer) throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      ThreadInfo info = threads.getThreadInfo(writer.getId());
      Thread.State state = info.getThreadState();
      if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) && info.getLockName() != null
          && info.getLockName().contains("ConditionObject")) {
        return info.getWaitedCount();
      }
      Thread.sleep(1);
    }
    throw new AssertionError("the writer thread did not go back to waiting for work");
  }

  private static long waitsOf(Thread thread) {
    return ManagementFactory.getThreadMXBean().getThreadInfo(thread.getId()).getWaitedCount();
  }

  /** A queue whose senders on {@code turnThread} work in turns: the end of each turn is put in {@code turnEnds}. */
  private static OutboundStanzaQueue queueWorkingInTurnsOn(Thread turnThread, java.util.List<Runnable> turnEnds) {
    return new OutboundStanzaQueue(task -> {
      if (Thread.currentThread() != turnThread) {
        return false;
      }
      turnEnds.add(task);
      return true;
    });
  }

  private static Message message(int i) {
    Message message = new Message();
    message.setID("m" + i);
    message.setTo("alice@localhost");
    message.setBody("n" + i);
    return message;
  }

  private static List<String> ids(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "m" + i).toList();
  }

  private static List<String> idsOf(List<Packet> packets) {
    return packets.stream().map(Packet::getID).toList();
  }
}
