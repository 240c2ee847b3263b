package net.icqtransport.core.bridge;

/** The user's legacy session is not online, so the request cannot be carried out now. */
public final class NotLoggedInException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotLoggedInException(String message) {
    super(message);
  }
}
