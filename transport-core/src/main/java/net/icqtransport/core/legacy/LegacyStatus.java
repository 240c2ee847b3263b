package net.icqtransport.core.legacy;

/** A contact's or the user's availability on the legacy network, independent of any wire encoding. */
public enum LegacyStatus {
  ONLINE,
  AWAY,
  NOT_AVAILABLE,
  DO_NOT_DISTURB,
  OCCUPIED,
  FREE_FOR_CHAT,
  INVISIBLE,
  OFFLINE;

  /** Whether a contact in this status can be reached (everything but {@link #OFFLINE}). */
  public boolean isAvailable() {
    return this != OFFLINE;
  }
}
