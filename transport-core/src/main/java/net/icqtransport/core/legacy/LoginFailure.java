package net.icqtransport.core.legacy;

/**
 * Why a login to the legacy network failed, as far as the bridge needs to act on it: whether to try again,
 * and what to tell the user.
 */
public enum LoginFailure {
  /** The password (or the account/password pair) was refused. Never retried automatically. */
  WRONG_PASSWORD(false, "wrong password"),
  /** The account does not exist, was deleted or expired. */
  INVALID_ACCOUNT(false, "invalid account"),
  /** The account is suspended or too heavily warned. */
  SUSPENDED(false, "account suspended"),
  /** The server refuses this client version. */
  CLIENT_REJECTED(false, "client rejected by the server"),
  /** Too many logins or connections: retry much later. */
  RATE_LIMITED(true, "login rate limit reached"),
  /** The service said it is temporarily unavailable. */
  SERVICE_UNAVAILABLE(true, "service temporarily unavailable"),
  /** The server could not be reached or the connection broke during login. */
  NETWORK_ERROR(true, "cannot reach the server"),
  /**
   * The server's TLS certificate was refused (untrusted CA, expired, or another host name; RFC 6125 §6). Not
   * retried automatically: it stays refused until the server's certificate or the transport's trust changes.
   */
  CERTIFICATE_REFUSED(false, "the server's certificate was refused"),
  /** The server answered with something the client could not make sense of. */
  PROTOCOL_ERROR(true, "protocol error"),
  /** The login did not complete in time. */
  TIMEOUT(true, "login timed out");

  private final boolean retryable;
  private final String description;

  LoginFailure(boolean retryable, String description) {
    this.retryable = retryable;
    this.description = description;
  }

  /** Whether trying again later may succeed without the user changing anything. */
  public boolean isRetryable() {
    return retryable;
  }

  /** A short text for the user. */
  public String description() {
    return description;
  }
}
