package net.icqtransport.oscar.client.rate;

/**
 * More SNACs wait for their rate class than the limiter's bound allows: the connection is sending far faster
 * than the server lets it, for long. The limiter never drops a SNAC; the caller ends the connection instead.
 */
public class RateQueueFullException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public RateQueueFullException(String message) {
    super(message);
  }
}
