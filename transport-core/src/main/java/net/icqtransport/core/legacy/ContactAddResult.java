package net.icqtransport.core.legacy;

/** The outcome of adding a contact to the server-stored list (ICQ SSI 13/08 → 13/0E). */
public enum ContactAddResult {
  /** The contact is on the list. */
  ADDED,
  /**
   * The contact requires authorization: the contact was added as awaiting authorization (TLV 0x0066) and
   * an authorization request was sent (13/18).
   */
  AUTHORIZATION_REQUESTED
}
