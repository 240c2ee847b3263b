package net.icqtransport.distribution.e2e;

import java.time.Duration;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.distribution.TransportTimers;

/**
 * Short timers for fault-injection tests, so a stall or an outage is noticed in seconds, yet generous enough
 * for a loaded two-core machine: 1 s OSCAR keepalive, 3 s reader-idle timeout, ICQ reconnect after 300 ms
 * doubling to 2 s, XMPP reconnect after 200 ms doubling to 2 s.
 */
final class FaultTimers {
  private FaultTimers() {}

  /** With {@code queuedMessageTimeout}: how long a message from Jabber waits for the ICQ session. */
  static TransportTimers fast(Duration queuedMessageTimeout) {
    return new TransportTimers(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(15),
        new BridgeSettings(100, queuedMessageTimeout, Duration.ofMillis(300), Duration.ofSeconds(2),
            Duration.ofSeconds(15)),
        Duration.ofMillis(200), Duration.ofSeconds(2));
  }

  static TransportTimers fast() {
    return fast(Duration.ofSeconds(60));
  }
}
