package net.icqtransport.core.legacy;

import java.util.Objects;

/** A file transfer with a legacy contact did not happen or did not finish, and why. */
public final class FileTransferException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a transfer ended without the file. */
  public enum Reason {
    /** Larger than the limit: refused before or during the transfer. */
    TOO_LARGE,
    /** The contact's client cannot take file transfers (no send-file capability), or the contact is offline. */
    NOT_SUPPORTED,
    /** The other side declined the offer or cancelled the transfer. */
    CANCELLED,
    /** The other side did not answer or connect, or the data stopped flowing, in time. */
    TIMED_OUT,
    /** A connection or protocol failure. */
    FAILED
  }

  private final Reason reason;

  public FileTransferException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public FileTransferException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
