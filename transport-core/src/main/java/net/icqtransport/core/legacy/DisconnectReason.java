package net.icqtransport.core.legacy;

/** Why an established legacy session ended. */
public enum DisconnectReason {
  /** The session was closed on request (user went offline, transport shutting down). */
  CLOSED_BY_CLIENT(false),
  /** Another login with the same account took over (OSCAR channel 4, TLV 0x09 = 0x0001). Not retried. */
  SIGNED_ON_ELSEWHERE(false),
  /**
   * The server ended the session in any other form (OSCAR channel 4 with another reason, without one, empty or
   * cut off). Not retried: real servers do this when another client takes the account over, and logging in
   * again would kick that client and start a fight that locks the account (shared/OSCAR-SERVERS.md).
   */
  CLOSED_BY_SERVER(false),
  /** The connection broke or stalled. */
  CONNECTION_LOST(true),
  /** The peer sent something that could not be decoded; this one session was ended. */
  PROTOCOL_ERROR(true);

  private final boolean reconnect;

  DisconnectReason(boolean reconnect) {
    this.reconnect = reconnect;
  }

  /** Whether the bridge should log in again after this. */
  public boolean shouldReconnect() {
    return reconnect;
  }
}
