package net.icqtransport.core.user;

/** What the transport is doing for a user; the XMPP side shows it as the transport's own presence. */
public enum SessionState {
  /** Logging in to the legacy network. */
  LOGGING_IN,
  /** Logged in. */
  ONLINE,
  /** Not logged in because the user is offline (or unregistered). */
  OFFLINE,
  /** The connection was lost; the transport will try again (the detail says when). */
  RECONNECTING,
  /** The login was refused for a reason that retrying will not fix (the detail says which). */
  LOGIN_FAILED,
  /** Another client logged in with the same account and took over. */
  SIGNED_ON_ELSEWHERE,
  /**
   * The transport stopped the session and will not log in again by itself: the server ended it, or sessions
   * kept ending right after login. The detail says which; the user's next presence after going offline, or
   * the reconnect command, tries again.
   */
  STOPPED
}
