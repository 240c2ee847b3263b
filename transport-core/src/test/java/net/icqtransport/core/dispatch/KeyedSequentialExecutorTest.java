package net.icqtransport.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-sender order and no loss under concurrency; a plain thread pool fails these checks. */
class KeyedSequentialExecutorTest {
  private static final int SENDERS = 20;
  private static final int PER_SENDER = 2_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void shutDown() {
    pool.shutdownNow();
  }

  @Test
  void keepsOrderPerKeyAndLosesNothing() throws Exception {
    KeyedSequentialExecutor<String> executor = new KeyedSequentialExecutor<>(pool);
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicBoolean overlap = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(SENDERS * PER_SENDER);

    // One producer thread per group of senders, like Whack's reader thread but several at once to stress the map.
    ExecutorService producers = Executors.newFixedThreadPool(4);
    for (int p = 0; p < 4; p++) {
      int producer = p;
      producers.execute(() -> {
        for (int i = 0; i < PER_SENDER; i++) {
          for (int s = producer; s < SENDERS; s += 4) {
            String key = "user" + s + "@localhost";
            int n = i;
            executor.execute(key, () -> {
              AtomicInteger active = running.computeIfAbsent(key, k -> new AtomicInteger());
              if (active.incrementAndGet() != 1) {
                overlap.set(true);
              }
              if (n % 97 == 0) {
                Thread.yield(); // widen the window for reordering
              }
              seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
              active.decrementAndGet();
              done.countDown();
            });
          }
        }
      });
    }
    producers.shutdown();

    assertTrue(done.await(60, TimeUnit.SECONDS), "all tasks ran");
    assertEquals(SENDERS, seen.size());
    for (Map.Entry<String, List<Integer>> entry : seen.entrySet()) {
      List<Integer> got = entry.getValue();
      assertEquals(PER_SENDER, got.size(), entry.getKey() + " lost tasks");
      for (int i = 0; i < PER_SENDER; i++) {
        assertEquals(i, got.get(i), entry.getKey() + " out of order at " + i);
      }
    }
    assertTrue(!overlap.get(), "two tasks of one sender ran at the same time");
    awaitIdle(executor);
    assertEquals(0, executor.activeKeys(), "idle lanes are removed");
    assertEquals(0, executor.pendingTasks());
    assertTrue(executor.maxPendingTasks() > 0);
  }

  @Test
  void aFailingTaskDoesNotStopItsLane() throws Exception {
    KeyedSequentialExecutor<String> executor = new KeyedSequentialExecutor<>(pool);
    CountDownLatch after = new CountDownLatch(1);

    executor.execute("a", () -> {
      throw new IllegalStateException("handler bug");
    });
    executor.execute("a", after::countDown);

    assertTrue(after.await(5, TimeUnit.SECONDS));
  }

  @Test
  void differentKeysRunInParallel() throws Exception {
    KeyedSequentialExecutor<String> executor = new KeyedSequentialExecutor<>(pool);
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Runnable blocker = () -> {
      bothStarted.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };

    executor.execute("a", blocker);
    executor.execute("b", blocker);

    assertTrue(bothStarted.await(5, TimeUnit.SECONDS), "a slow sender must not hold up another");
    release.countDown();
  }

  /** What a graceful stop relies on: awaitIdle returns only once every task handed over, and theirs, has run. */
  @Test
  void awaitIdleReturnsOnceEveryTaskHandedOverHasRun() throws Exception {
    KeyedSequentialExecutor<String> executor = new KeyedSequentialExecutor<>(pool);
    CountDownLatch release = new CountDownLatch(1);
    List<String> ran = Collections.synchronizedList(new ArrayList<>());
    executor.execute("a", () -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor.execute("b", () -> ran.add("b, handed over by a"));
      ran.add("a");
    });
    executor.execute("a", () -> ran.add("a, second"));

    assertFalse(executor.awaitIdle(Duration.ofMillis(50)), "a is still blocked");
    release.countDown();

    assertTrue(executor.awaitIdle(Duration.ofSeconds(5)));
    assertTrue(executor.isIdle());
    assertEquals(3, ran.size(), "ran: " + ran);
    assertEquals(List.of("a", "a, second"), ran.stream().filter(t -> t.startsWith("a")).toList());
  }

  private static void awaitIdle(KeyedSequentialExecutor<?> executor) throws InterruptedException {
    for (int i = 0; i < 100 && executor.activeKeys() > 0; i++) {
      Thread.sleep(10);
    }
  }

  /**
   * With a placement, each key's lane runs on the executor placed for it, every turn, and {@link
   * KeyedSequentialExecutor#home} names that executor: work put there for the key needs no other thread.
   */
  @Test
  void aPlacedLaneRunsOnItsHomeEveryTurnInOrder() throws Exception {
    ExecutorService first = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "home-first"));
    ExecutorService second = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "home-second"));
    try {
      KeyedSequentialExecutor<String> executor =
          new KeyedSequentialExecutor<>(key -> key.startsWith("a") ? first : second);
      assertEquals(first, executor.home("alice@localhost"));
      assertEquals(second, executor.home("bob@localhost"));
      int tasks = 3 * KeyedSequentialExecutor.BATCH + 1; // several turns of each lane
      Map<String, List<String>> threads = new ConcurrentHashMap<>();
      Map<String, List<Integer>> order = new ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(2 * tasks);
      for (int i = 0; i < tasks; i++) {
        for (String key : List.of("alice@localhost", "bob@localhost")) {
          int n = i;
          executor.execute(key, () -> {
            threads.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(Thread.currentThread().getName());
            order.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
            done.countDown();
          });
        }
      }
      assertTrue(done.await(10, TimeUnit.SECONDS));
      assertEquals(List.of("home-first"), threads.get("alice@localhost").stream().distinct().toList());
      assertEquals(List.of("home-second"), threads.get("bob@localhost").stream().distinct().toList());
      for (List<Integer> seen : order.values()) {
        for (int i = 0; i < tasks; i++) {
          assertEquals(i, seen.get(i));
        }
      }
      assertTrue(executor.awaitIdle(Duration.ofSeconds(5)));
    } finally {
      first.shutdownNow();
      second.shutdownNow();
    }
  }
}
