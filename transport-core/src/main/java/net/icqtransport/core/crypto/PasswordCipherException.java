package net.icqtransport.core.crypto;

/** A stored secret cannot be decrypted: it needs another key, or it was altered. Never quotes the secret. */
public final class PasswordCipherException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PasswordCipherException(String message) {
    super(message);
  }

  public PasswordCipherException(String message, Throwable cause) {
    super(message, cause);
  }
}
