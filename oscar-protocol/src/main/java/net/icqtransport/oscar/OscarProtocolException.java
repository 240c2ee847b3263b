package net.icqtransport.oscar;

/**
 * The peer sent bytes that break the OSCAR wire format (bad FLAP marker, oversized frame, truncated SNAC or
 * TLV). Raised by the codecs; the connection that received them is closed, nothing else.
 */
public class OscarProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OscarProtocolException(String message) {
    super(message);
  }

  public OscarProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
