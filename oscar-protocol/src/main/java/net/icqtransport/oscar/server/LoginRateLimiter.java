package net.icqtransport.oscar.server;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A sliding-window count of logins per key (a UIN or an IP address), as real login servers limited reconnects
 * (reference {@code auth_failed}: 0x0018 and 0x001D "rate limit exceeded, try again in a few minutes"). Only
 * admitted attempts count, so a client that waits the window out gets in again. Disabled when count is 0. The
 * limit can change while the server runs ({@link #limit}); the logins admitted so far keep counting under the new
 * one (those older than the old window were forgotten already).
 */
final class LoginRateLimiter {
  /** The count and window, replaced together. */
  private record Limit(int count, long windowMillis) {}

  private volatile Limit limit;
  private final Clock clock;
  private final ConcurrentMap<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

  LoginRateLimiter(int count, Duration window, Clock clock) {
    this.limit = new Limit(count, window.toMillis());
    this.clock = clock;
  }

  static LoginRateLimiter disabled(Clock clock) {
    return new LoginRateLimiter(0, Duration.ZERO, clock);
  }

  /** From now on at most {@code count} logins per key within {@code window}; 0 turns the limit off. */
  void limit(int count, Duration window) {
    this.limit = new Limit(count, window.toMillis());
  }

  /** True (and counted) if another login under this key is allowed now. */
  boolean admit(String key) {
    Limit current = limit;
    if (current.count() <= 0) {
      return true;
    }
    long now = clock.millis();
    Deque<Long> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= now - current.windowMillis()) {
        times.pollFirst();
      }
      if (times.size() >= current.count()) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }
}
