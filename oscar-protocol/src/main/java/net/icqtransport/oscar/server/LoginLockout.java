package net.icqtransport.oscar.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The login lockout of real servers (OSCAR-SERVERS.md, "Rate limits on login"): after {@code count} logins of one
 * account within {@code window}, every further attempt is refused (error 0x001D) until {@code lockout} has passed
 * since the last refused attempt, so every early retry extends the lockout. Unlike {@link LoginRateLimiter}, a
 * client that keeps retrying never gets in. When a lockout has run out, the account starts with a fresh window.
 * Keyed by normalized screen name, so it locks the account's other clients out too. Disabled when count is 0.
 */
final class LoginLockout {
  private final int count;
  private final Duration window;
  private final Duration lockout;
  private final Clock clock;
  private final ConcurrentMap<String, AccountState> accounts = new ConcurrentHashMap<>();

  /** One account's recent admitted logins and, while locked out, when the lockout ends. */
  private static final class AccountState {
    private final Deque<Instant> logins = new ArrayDeque<>();
    private Instant lockedUntil;
  }

  LoginLockout(int count, Duration window, Duration lockout, Clock clock) {
    this.count = count;
    this.window = window;
    this.lockout = lockout;
    this.clock = clock;
  }

  static LoginLockout disabled(Clock clock) {
    return new LoginLockout(0, Duration.ZERO, Duration.ZERO, clock);
  }

  /** True (and counted) if this login may go on; false if refused, which starts or extends the lockout. */
  boolean admit(String key) {
    if (count <= 0) {
      return true;
    }
    Instant now = clock.instant();
    AccountState account = accounts.computeIfAbsent(key, k -> new AccountState());
    synchronized (account) {
      if (account.lockedUntil != null) {
        if (now.isBefore(account.lockedUntil)) {
          account.lockedUntil = now.plus(lockout);
          return false;
        }
        account.lockedUntil = null;
        account.logins.clear();
      }
      Instant windowStart = now.minus(window);
      while (!account.logins.isEmpty() && !account.logins.peekFirst().isAfter(windowStart)) {
        account.logins.pollFirst();
      }
      if (account.logins.size() >= count) {
        account.lockedUntil = now.plus(lockout);
        return false;
      }
      account.logins.addLast(now);
      return true;
    }
  }

  /** When the account's lockout ends, as things stand (another early attempt pushes it back); empty if none. */
  Optional<Instant> lockedUntil(String key) {
    AccountState account = accounts.get(key);
    if (account == null) {
      return Optional.empty();
    }
    synchronized (account) {
      Instant until = account.lockedUntil;
      return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }
  }
}
