package net.icqtransport.distribution;

import java.time.Duration;
import java.util.Objects;
import net.icqtransport.core.bridge.BridgeSettings;
import net.icqtransport.xmpp.ComponentSettings;

/**
 * The timers of a running transport that a deployment rarely changes but a fault-injection test must shorten
 * (a stalled OSCAR socket is only noticed after the reader-idle timeout, a reconnect waits for the backoff).
 *
 * @param oscarKeepalive an empty FLAP channel-5 frame after this long without sending (OSCAR keepalive)
 * @param oscarReaderIdle a session that received nothing for this long ends as connection lost
 * @param oscarLoginTimeout the whole OSCAR login, authorizer to client ready
 * @param bridge per-user queue bound and timeout, ICQ reconnect backoff, bridge login timeout
 * @param xmppInitialRetry the first delay before reconnecting to the XMPP server (XEP-0114 component)
 * @param xmppMaxRetry the cap of that exponential backoff
 */
public record TransportTimers(
    Duration oscarKeepalive,
    Duration oscarReaderIdle,
    Duration oscarLoginTimeout,
    BridgeSettings bridge,
    Duration xmppInitialRetry,
    Duration xmppMaxRetry) {

  public TransportTimers {
    Objects.requireNonNull(oscarKeepalive, "oscarKeepalive");
    Objects.requireNonNull(oscarReaderIdle, "oscarReaderIdle");
    Objects.requireNonNull(oscarLoginTimeout, "oscarLoginTimeout");
    Objects.requireNonNull(bridge, "bridge");
    Objects.requireNonNull(xmppInitialRetry, "xmppInitialRetry");
    Objects.requireNonNull(xmppMaxRetry, "xmppMaxRetry");
  }

  /** What the transport uses unless told otherwise: 60 s keepalive, 180 s reader idle, 30 s login, ... */
  public static TransportTimers defaults() {
    return new TransportTimers(Duration.ofSeconds(60), Duration.ofSeconds(180), Duration.ofSeconds(30),
        BridgeSettings.defaults(), ComponentSettings.DEFAULT_INITIAL_RETRY_DELAY,
        ComponentSettings.DEFAULT_MAX_RETRY_DELAY);
  }
}
