package net.icqtransport.core.legacy;

/** The legacy network did not accept a message; the text is meant for the sender. */
public final class MessageRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, in terms the XMPP side can map to a stanza error. */
  public enum Reason {
    RECIPIENT_UNAVAILABLE,
    RATE_LIMITED,
    NOT_ALLOWED,
    TOO_LONG,
    NOT_CONNECTED,
    OTHER
  }

  private final Reason reason;

  public MessageRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
