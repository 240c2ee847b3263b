package net.icqtransport.oscar.client.rate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.service.RateChange;
import net.icqtransport.oscar.snac.service.RateParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces one connection's outgoing SNACs by the rate classes of SNAC(01,07) (iserverd {@code rate_limits.txt}).
 * Each class keeps the moving average of the interval between its SNACs; a SNAC that would push the average
 * below the class's alert level waits in that class's queue until the earliest time it no longer would. SNACs
 * are never dropped and never reordered within a class. SNAC(01,0A) adjusts a class: code 1 new parameters,
 * 2 warning (stay above the clear level for a window's worth of SNACs), 3 limited (send nothing until code 4,
 * or until the level would be back at the clear level), 4 clear.
 *
 * <p>Confined to the connection's event loop, except {@link #queueDepth()}, which may be read from anywhere.
 */
public final class RateLimiter {
  private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
  /** The class SNACs that no group names fall into, when the server defines it (libpurple does the same). */
  private static final int DEFAULT_CLASS_ID = 1;

  private final RateScheduler scheduler;
  private final Consumer<Snac> sink;
  private final int maxQueued;
  private final Map<Integer, RateClassState> classes = new LinkedHashMap<>();
  private final Map<Integer, RateClassState> bySnac = new HashMap<>();
  private RateClassState defaultClass;
  private volatile int queued;
  /** SNACs that had to wait for their class (written on the event loop only, read from any thread). */
  private volatile long waits;
  private boolean closed;

  /**
   * @param sink writes a SNAC to the connection, in the order given
   * @param maxQueued how many SNACs may wait in all classes together before {@link #submit} refuses more
   */
  public RateLimiter(RateParameters parameters, RateScheduler scheduler, Consumer<Snac> sink, int maxQueued) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.sink = Objects.requireNonNull(sink, "sink");
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be positive");
    }
    this.maxQueued = maxQueued;
    update(parameters);
  }

  /** Takes a new SNAC(01,07) (asked for again during a session): parameters and groups are replaced. */
  public void update(RateParameters parameters) {
    long now = scheduler.nowMillis();
    for (RateParameters.RateClass params : parameters.classes()) {
      RateClassState state = classes.get(params.id());
      if (state == null) {
        classes.put(params.id(), new RateClassState(params, now));
      } else {
        state.apply(params, now);
      }
    }
    bySnac.clear();
    for (RateParameters.RateGroup group : parameters.groups()) {
      RateClassState state = classes.get(group.classId());
      if (state != null) {
        group.snacs().forEach(pair -> bySnac.put(pair, state));
      }
    }
    defaultClass = classes.get(DEFAULT_CLASS_ID);
    if (defaultClass == null && !classes.isEmpty()) {
      defaultClass = classes.values().iterator().next();
    }
    for (RateClassState state : classes.values()) {
      cancelTimer(state);
      drain(state);
    }
  }

  /**
   * Sends {@code snac} now, or queues it behind its class's earlier SNACs.
   *
   * @throws RateQueueFullException when the bound of queued SNACs is reached; nothing was queued
   */
  public void submit(Snac snac) {
    if (closed) {
      return;
    }
    RateClassState state = classOf(snac);
    if (state == null) {
      sink.accept(snac);
      return;
    }
    long now = scheduler.nowMillis();
    if (state.queue.isEmpty() && state.maySendAt(now)) {
      state.sentAt(now);
      sink.accept(snac);
      return;
    }
    if (queued >= maxQueued) {
      throw new RateQueueFullException(
          "more than " + maxQueued + " SNACs wait for the server's rate limits (class " + state.id() + ")");
    }
    state.queue.addLast(snac);
    queued++;
    waits++;
    schedule(state, now);
  }

  /** Applies SNAC(01,0A). */
  public void rateChanged(RateChange change) {
    RateClassState state = classes.get(change.rateClass().id());
    if (state == null) {
      LOG.debug("rate change {} for unknown class {}", change.code(), change.rateClass().id());
      return;
    }
    long now = scheduler.nowMillis();
    state.apply(change.rateClass(), now);
    switch (change.code()) {
      case PARAMETERS_CHANGED -> { }
      case WARNING -> state.warned();
      case LIMITED -> state.limited();
      case CLEAR -> state.cleared();
    }
    LOG.debug("rate change {}: {}", change.code(), state);
    cancelTimer(state);
    drain(state);
  }

  /** SNACs waiting in all classes, for metrics; readable from any thread. */
  public int queueDepth() {
    return queued;
  }

  /** How many SNACs had to wait for the rate limits so far, for metrics; readable from any thread. */
  public long waits() {
    return waits;
  }

  /** SNACs waiting in one class. */
  public int queueDepth(int classId) {
    RateClassState state = classes.get(classId);
    return state == null ? 0 : state.queue.size();
  }

  /** The current moving average of a class, or -1 for an unknown class (for tests and diagnostics). */
  public long level(int classId) {
    RateClassState state = classes.get(classId);
    return state == null ? -1 : state.level();
  }

  /** Stops sending and forgets queued SNACs (the connection is gone). */
  public void close() {
    closed = true;
    for (RateClassState state : classes.values()) {
      cancelTimer(state);
      state.queue.clear();
    }
    queued = 0;
  }

  private RateClassState classOf(Snac snac) {
    RateClassState state = bySnac.get((snac.family() << 16) | snac.subtype());
    return state != null ? state : defaultClass;
  }

  private void drain(RateClassState state) {
    if (closed) {
      return;
    }
    long now = scheduler.nowMillis();
    if (!state.open() && !state.queue.isEmpty() && now >= state.earliestSendMillis()) {
      // The server never said "clear", but the level has recovered to the clear level by now.
      LOG.debug("rate class {} resumes without a clear notice", state.id());
      state.warned();
    }
    while (!state.queue.isEmpty() && state.maySendAt(now)) {
      Snac snac = state.queue.pollFirst();
      queued--;
      state.sentAt(now);
      sink.accept(snac);
    }
    if (!state.queue.isEmpty()) {
      schedule(state, now);
    }
  }

  private void schedule(RateClassState state, long now) {
    if (state.timer != null) {
      return;
    }
    long delay = Math.max(1, state.earliestSendMillis() - now);
    state.timer = scheduler.schedule(() -> {
      state.timer = null;
      drain(state);
    }, delay);
  }

  private static void cancelTimer(RateClassState state) {
    if (state.timer != null) {
      state.timer.run();
      state.timer = null;
    }
  }

  @Override
  public String toString() {
    return "RateLimiter" + classes.values();
  }
}
