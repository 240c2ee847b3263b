package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.testing.ManualScheduler;

/**
 * A login server with a limit of logins per second from one address (a sliding window of one second that counts
 * the logins it admits, as the OSCAR simulator's {@code LoginRateLimiter}), on a {@link ManualScheduler}: logins
 * reach it 10-30 ms after their pacer slot (connect and key round trip, varying), and a refusal (0x001D) is back
 * at the pacer 10 ms later, as is the success of a login it admitted. Deterministic: the variation comes from a
 * seeded random.
 */
final class SimulatedLoginServer {

  private static final long WINDOW = Duration.ofSeconds(1).toNanos();
  private static final int WAITING = 50;

  private final ManualScheduler scheduler;
  private final Random random = new Random(20);
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private final List<Long> admitted = new ArrayList<>();
  private final List<Long> refused = new ArrayList<>();
  private int limit;
  private LoginPacer pacer;
  private long remaining;

  SimulatedLoginServer(ManualScheduler scheduler, int limit) {
    this.scheduler = scheduler;
    this.limit = limit;
  }

  /** From now on the server admits this many logins per second. */
  void limit(int perSecond) {
    this.limit = perSecond;
  }

  /** Keeps {@value #WAITING} logins waiting for slots of {@code pacer} until {@code total} have started. */
  void demand(LoginPacer pacer, long total) {
    this.pacer = pacer;
    this.remaining = total;
    for (int i = 0; i < WAITING; i++) {
      askForSlot();
    }
  }

  private void askForSlot() {
    if (remaining <= 0) {
      return;
    }
    remaining--;
    pacer.nextSlot(new LegacyContactId(String.valueOf(100_000 + remaining))).thenAccept(this::started);
  }

  private void started(LoginSlot slot) {
    askForSlot();
    long latency = Duration.ofMillis(10).toNanos() + random.nextInt((int) Duration.ofMillis(20).toNanos());
    scheduler.schedule(() -> arrived(slot), latency, TimeUnit.NANOSECONDS);
  }

  private void arrived(LoginSlot slot) {
    long now = scheduler.nanoTime();
    while (!window.isEmpty() && window.peekFirst() <= now - WINDOW) {
      window.pollFirst();
    }
    if (window.size() >= limit) {
      refused.add(now);
      scheduler.schedule(() -> pacer.rateLimited(slot), 10, TimeUnit.MILLISECONDS);
    } else {
      window.addLast(now);
      admitted.add(now);
      scheduler.schedule(pacer::accepted, 10, TimeUnit.MILLISECONDS);
    }
  }

  int admitted() {
    return admitted.size();
  }

  int refused() {
    return refused.size();
  }

  /** When the last login was admitted, from the scheduler's start. */
  Duration lastAdmitted() {
    return Duration.ofNanos(admitted.get(admitted.size() - 1));
  }

  /** Logins admitted per second between {@code from} and {@code to} (from the scheduler's start). */
  double admittedPerSecond(Duration from, Duration to) {
    return count(admitted, from, to) / ((to.toNanos() - from.toNanos()) / 1e9);
  }

  int refusedBetween(Duration from, Duration to) {
    return count(refused, from, to);
  }

  private static int count(List<Long> times, Duration from, Duration to) {
    return (int) times.stream().filter(t -> t >= from.toNanos() && t < to.toNanos()).count();
  }
}
