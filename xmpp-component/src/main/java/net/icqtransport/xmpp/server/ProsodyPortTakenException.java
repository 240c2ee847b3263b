package net.icqtransport.xmpp.server;

/**
 * A private Prosody could not open one of its listening ports because another program holds it. Prosody itself
 * logs "Failed to open server port" and runs on without that listener, and the other program then answers on
 * the port, so {@link PrivateProsody#start()} stops it and says so with this exception.
 */
public final class ProsodyPortTakenException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int port;

  ProsodyPortTakenException(int port, String prosodyLog) {
    super("prosody could not open port " + port + ": another program holds it; Prosody's log:\n" + prosodyLog);
    this.port = port;
  }

  /** The port Prosody could not open. */
  public int port() {
    return port;
  }
}
