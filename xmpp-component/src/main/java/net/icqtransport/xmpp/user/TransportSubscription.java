package net.icqtransport.xmpp.user;

/**
 * Where the transport's own presence subscription to a user stands (RFC 6121 §3; XEP-0100 §4.1.1 step 10: the
 * transport asks for it after registering). Only {@link #GRANTED} lets the transport probe the user: a probe
 * without one is answered {@code unsubscribed} by the user's server, which cancels a pending request (issue #15).
 */
public enum TransportSubscription {
  /** Not asked during this run (a user registered before it: the server has the answer; probes are fine). */
  UNKNOWN,
  /** Asked; the user has not answered yet. */
  PENDING,
  /**
   * Asked, answered {@code unsubscribed} while pending, and asked once more: most likely the server answered a
   * probe on the user's behalf (RFC 6121 §4.3.2); a second {@code unsubscribed} is the user's choice.
   */
  ASKED_AGAIN,
  /** The user granted it ({@code subscribed}, or an available presence, which needs one). */
  GRANTED,
  /** The user refused it ({@code unsubscribed} after being asked again, or when nothing was pending). */
  REFUSED
}
