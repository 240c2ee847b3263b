package net.icqtransport.core.metrics;

import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.user.SessionState;

/**
 * The events of the bridge that operators count: session state changes, logins, messages each way, bounces,
 * reconnects and registrations. A port, so that the core needs no metrics library; the distribution
 * implements it with Micrometer. Every method has a no-op default; implementations must be thread-safe and
 * must not block (they are called on the bridges' sequences).
 */
public interface TransportMetrics {
  /** Reports nothing. */
  TransportMetrics NONE = new TransportMetrics() {};

  /** A user's bridge went from {@code from} to {@code to}; every bridge starts and ends {@code OFFLINE}. */
  default void sessionStateChanged(SessionState from, SessionState to) {}

  /** A login to the legacy network succeeded (first login or reconnect). */
  default void loginSucceeded() {}

  /** A login to the legacy network failed (also the credentials check of a registration). */
  default void loginFailed(LoginFailure reason) {}

  /** A message from an XMPP user was accepted by the legacy network. */
  default void messageToLegacy() {}

  /** A message from a legacy contact arrived for an XMPP user (live or offline message). */
  default void messageFromLegacy() {}

  /** A message from an XMPP user was not sent (the XMPP side bounces it to the sender, XEP-0100 §4.8). */
  default void messageBounced() {}

  /** The bridge scheduled a new login after a lost connection or a retryable login failure. */
  default void reconnectScheduled() {}

  /** A user registered (XEP-0100 §4.2, XEP-0077). */
  default void registered() {}

  /** A user unregistered (XEP-0100 §4.3). */
  default void unregistered() {}
}
