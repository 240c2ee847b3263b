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
 * admitted attempts count, so a client that waits the window out gets in again. Disabled when count is 0.
 */
final class LoginRateLimiter {
  private final int count;
  private final long windowMillis;
  private final Clock clock;
  private final ConcurrentMap<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

  LoginRateLimiter(int count, Duration window, Clock clock) {
    this.count = count;
    this.windowMillis = window.toMillis();
    this.clock = clock;
  }

  static LoginRateLimiter disabled(Clock clock) {
    return new LoginRateLimiter(0, Duration.ZERO, clock);
  }

  /** True (and counted) if another login under this key is allowed now. */
  boolean admit(String key) {
    if (count <= 0) {
      return true;
    }
    long now = clock.millis();
    Deque<Long> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
        times.pollFirst();
      }
      if (times.size() >= count) {
        return false;
      }
      times.addLast(now);
      return true;
    }
  }
}
