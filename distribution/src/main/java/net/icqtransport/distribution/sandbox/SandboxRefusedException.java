package net.icqtransport.distribution.sandbox;

/**
 * The sandbox will not start, for a reason the person at the terminal can act on (a port held by another
 * program, another sandbox in the folder); the message is one complete sentence, shown as it is.
 */
public final class SandboxRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SandboxRefusedException(String message) {
    super(message);
  }
}
