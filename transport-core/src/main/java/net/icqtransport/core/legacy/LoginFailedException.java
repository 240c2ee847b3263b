package net.icqtransport.core.legacy;

import java.util.Objects;

/** The legacy network refused or could not complete a login; {@link #failure()} says why. */
public final class LoginFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final LoginFailure failure;

  public LoginFailedException(LoginFailure failure, String detail) {
    super(failure.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public LoginFailedException(LoginFailure failure, String detail, Throwable cause) {
    this(failure, detail);
    initCause(cause);
  }

  public LoginFailure failure() {
    return failure;
  }
}
