package net.icqtransport.distribution;

/**
 * The transport cannot start because its database does not answer. {@code icq-transport run} then exits
 * with {@link #EXIT_CODE}, so a service manager restarts it (the systemd unit: {@code Restart=on-failure}).
 * The message names the database without credentials ({@code TransportConfig#databaseName()}) and never
 * contains the database password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exit code of {@code run} when the database is unreachable at start (2 is a configuration error). */
  public static final int EXIT_CODE = 3;

  DatabaseUnavailableException(String database, String password, Throwable cause) {
    super(redact("cannot reach the database " + database + ": " + rootMessage(cause), password), null);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Drivers do not quote passwords; this makes sure a configured one never shows even if one did. */
  private static String redact(String text, String password) {
    return password == null || password.isEmpty() ? text : text.replace(password, "****");
  }
}
