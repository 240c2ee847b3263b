package net.icqtransport.core.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The server's TLS certificate was refused: it does not lead to a trusted CA (RFC 5280 path validation),
 * is outside its validity period, or does not name the host connected to (RFC 6125 §6). The message names
 * the host and the reason, e.g. {@code certificate for 127.0.0.1 not trusted: PKIX path building failed}.
 * Retrying does not help until someone changes the server's certificate or this side's trust.
 */
public final class CertificateRefusedException extends SSLException {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the certificate. */
  public enum Reason {
    /** No path to a trusted CA (or a broken chain). */
    NOT_TRUSTED("not trusted"),
    /** Expired or not yet valid. */
    NOT_VALID_NOW("outside its validity period"),
    /** Trusted, but for another host name (RFC 6125 §6). */
    HOST_NAME_MISMATCH("host name mismatch");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final String host;
  private final Reason reason;

  public CertificateRefusedException(String host, Reason reason, String detail, Throwable cause) {
    super("certificate for " + host + " " + reason.text() + ": " + detail, cause);
    this.host = host;
    this.reason = reason;
  }

  public String host() {
    return host;
  }

  public Reason reason() {
    return reason;
  }

  /**
   * The certificate failure inside {@code failure} (a handshake exception as JSSE or Netty raise it), if it
   * is one; empty for other failures (refused connection, protocol mismatch, …).
   */
  public static Optional<CertificateRefusedException> from(String host, Throwable failure) {
    boolean handshake = false;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CertificateRefusedException refused) {
        return Optional.of(refused);
      }
      handshake |= t instanceof SSLHandshakeException;
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
        return Optional.of(new CertificateRefusedException(host, Reason.NOT_TRUSTED, firstLine(t), failure));
      }
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return Optional.of(new CertificateRefusedException(host, Reason.NOT_VALID_NOW, firstLine(t), failure));
      }
      if (handshake && t instanceof CertificateException) {
        // The JDK's host name check (sun.security.util.HostnameChecker) raises a plain CertificateException:
        // "No subject alternative names matching IP address … found", "No name matching … found".
        String message = String.valueOf(t.getMessage());
        Reason reason = message.contains("matching") || message.contains("subject alternative")
            ? Reason.HOST_NAME_MISMATCH : Reason.NOT_TRUSTED;
        return Optional.of(new CertificateRefusedException(host, reason, firstLine(t), failure));
      }
    }
    return Optional.empty();
  }

  /** The exception's own message without the nested "sun.security…Exception:" chains the JDK appends. */
  private static String firstLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nested = message.indexOf(": sun.security");
    return nested > 0 ? message.substring(0, nested) : message;
  }
}
