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
 */
public record BridgeSettings(
    int maxQueuedMessages,
    Duration queuedMessageTimeout,
    Duration reconnectMinDelay,
    Duration reconnectMaxDelay,
    Duration loginTimeout) {

  public BridgeSettings {
    if (maxQueuedMessages < 0) {
      throw new IllegalArgumentException("maxQueuedMessages must not be negative: " + maxQueuedMessages);
    }
    requirePositive(queuedMessageTimeout, "queuedMessageTimeout");
    requirePositive(reconnectMinDelay, "reconnectMinDelay");
    requirePositive(reconnectMaxDelay, "reconnectMaxDelay");
    requirePositive(loginTimeout, "loginTimeout");
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

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
