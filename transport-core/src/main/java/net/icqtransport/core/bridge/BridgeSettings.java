package net.icqtransport.core.bridge;

import java.time.Duration;
import java.util.Objects;

/**
 * The bridge's limits and timers, the same for every user.
 *
 * @param maxQueuedMessages how many outgoing messages one user may have waiting while the transport logs in
 *     or reconnects; more are rejected at once
 * @param queuedMessageTimeout how long such a message may wait before it is rejected (XEP-0100 §4.8: the
 *     sender learns that it was not delivered)
 * @param reconnectMinDelay the first retry delay after a retryable failure, and the floor of every later one
 * @param reconnectMaxDelay the cap of the exponential backoff
 * @param loginTimeout how long a login may take before it counts as a retryable {@code TIMEOUT}
 * @param shortSession a session that ends sooner than this after its login counts as short-lived: the
 *     reconnect backoff starts over only after a session outlived it
 * @param shortSessionsBeforeStop after this many short-lived sessions in a row the bridge stops
 *     ({@code STOPPED}) instead of logging in again: a login fight or a server that drops the account at once
 * @param rateLimitedWait how long to wait after the server refused a login for its rate limits (OSCAR login
 *     errors 0x0016-0x0018, 0x001D); it doubles, with jitter above it, while refusals go on. Only an account's
 *     first refusal answering the transport's own pace (a login of a crowd) waits a few seconds instead, once
 */
public record BridgeSettings(
    int maxQueuedMessages,
    Duration queuedMessageTimeout,
    Duration reconnectMinDelay,
    Duration reconnectMaxDelay,
    Duration loginTimeout,
    Duration shortSession,
    int shortSessionsBeforeStop,
    Duration rateLimitedWait) {

  /** One minute counts as short-lived, 3 such sessions in a row stop the bridge; 5 min after a rate limit. */
  public static final Duration DEFAULT_SHORT_SESSION = Duration.ofMinutes(1);
  public static final int DEFAULT_SHORT_SESSIONS_BEFORE_STOP = 3;
  public static final Duration DEFAULT_RATE_LIMITED_WAIT = Duration.ofMinutes(5);

  /** The queue and reconnect timers, with the default session-life policy. */
  public BridgeSettings(int maxQueuedMessages, Duration queuedMessageTimeout, Duration reconnectMinDelay,
      Duration reconnectMaxDelay, Duration loginTimeout) {
    this(maxQueuedMessages, queuedMessageTimeout, reconnectMinDelay, reconnectMaxDelay, loginTimeout,
        DEFAULT_SHORT_SESSION, DEFAULT_SHORT_SESSIONS_BEFORE_STOP, DEFAULT_RATE_LIMITED_WAIT);
  }

  public BridgeSettings {
    if (maxQueuedMessages < 0) {
      throw new IllegalArgumentException("maxQueuedMessages must not be negative: " + maxQueuedMessages);
    }
    requirePositive(queuedMessageTimeout, "queuedMessageTimeout");
    requirePositive(reconnectMinDelay, "reconnectMinDelay");
    requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
    requirePositive(loginTimeout, "loginTimeout");
    requirePositive(shortSession, "shortSession");
    requirePositive(rateLimitedWait, "rateLimitedWait");
    if (shortSessionsBeforeStop < 1) {
      throw new IllegalArgumentException("shortSessionsBeforeStop must be at least 1: " + shortSessionsBeforeStop);
    }
    if (reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
      throw new IllegalArgumentException(
          "reconnectMaxDelay " + reconnectMaxDelay + " is below reconnectMinDelay " + reconnectMinDelay);
    }
  }

  /** 100 queued messages, waiting up to 60 s; reconnect after 2 s doubling up to 5 min; 30 s to log in. */
  public static BridgeSettings defaults() {
    return new BridgeSettings(
        100, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30));
  }

  /** These settings with another session-life policy. */
  public BridgeSettings withSessionLife(Duration shortSession, int shortSessionsBeforeStop, Duration rateLimitedWait) {
    return new BridgeSettings(maxQueuedMessages, queuedMessageTimeout, reconnectMinDelay, reconnectMaxDelay,
        loginTimeout, shortSession, shortSessionsBeforeStop, rateLimitedWait);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
