package net.icqtransport.core.bridge;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;

/** Turns what a future failed with into the exception the XMPP side is promised. */
final class Failures {

  private Failures() {}

  /** The real cause behind the wrappers futures add. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The failure as a {@link LoginFailedException}: a network adapter that fails a login with anything else
   * (an I/O error, a bug) is treated as a retryable {@link LoginFailure#NETWORK_ERROR}.
   */
  static LoginFailedException asLoginFailure(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof LoginFailedException loginFailed) {
      return loginFailed;
    }
    return new LoginFailedException(LoginFailure.NETWORK_ERROR, String.valueOf(cause), cause);
  }
}
