package net.icqtransport.core.registration;

/** The registration store could not be read or written. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * What failed and why, for one log line: this message and the innermost cause's (e.g. "cannot read the
   * registration of alice@example.org: Connection to 127.0.0.1:5432 refused"). JDBC drivers do not put
   * passwords into these messages; the stores never do.
   */
  public String reason() {
    Throwable root = this;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == this || root.getMessage() == null ? getMessage() : getMessage() + ": " + root.getMessage();
  }
}
