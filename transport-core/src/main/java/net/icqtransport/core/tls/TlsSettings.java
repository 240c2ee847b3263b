package net.icqtransport.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a client link uses TLS and which certificate authorities it trusts. The server's certificate is
 * always checked twice: its chain must lead to a trusted CA (RFC 5280 path validation), and it must name
 * the host connected to (RFC 6125 §6, the HTTPS rules of RFC 2818 §3.1 as the JDK implements them:
 * {@code subjectAltName} DNS names with a left-most wildcard, IP addresses only from IP entries).
 *
 * @param enabled whether the link is TLS at all
 * @param caFile a PEM (or DER) file of CA certificates to trust instead of the JVM's trust store (the system
 *     CAs); empty for the JVM's trust store
 */
public record TlsSettings(boolean enabled, Optional<Path> caFile) {

  public TlsSettings {
    Objects.requireNonNull(caFile, "caFile");
  }

  /** Plaintext. */
  public static TlsSettings disabled() {
    return new TlsSettings(false, Optional.empty());
  }

  /** TLS, trusting the JVM's trust store. */
  public static TlsSettings systemTrust() {
    return new TlsSettings(true, Optional.empty());
  }

  /** TLS, trusting only the CA certificates in {@code caFile}. */
  public static TlsSettings trusting(Path caFile) {
    return new TlsSettings(true, Optional.of(caFile));
  }

  /**
   * The trust manager for these settings: the CAs of {@link #caFile()} or the JVM's default ones.
   *
   * @throws GeneralSecurityException if the CA file holds no certificate or cannot be parsed
   * @throws IOException if the CA file cannot be read
   */
  public X509TrustManager trustManager() throws GeneralSecurityException, IOException {
    KeyStore anchors = null;
    if (caFile.isPresent()) {
      anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(caFile.get())) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new GeneralSecurityException("no certificate in the CA file " + caFile.get());
      }
      int i = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("ca-" + i++, certificate);
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors); // null: the JVM's trust store (cacerts or javax.net.ssl.trustStore)
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager from " + factory.getAlgorithm());
  }

  /** A client {@link SSLContext} trusting what {@link #trustManager()} trusts, with no client certificate. */
  public SSLContext clientContext() throws GeneralSecurityException, IOException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustManager()}, null);
    return context;
  }

  /**
   * Opens a TCP connection and completes the TLS handshake at once (direct TLS, as XEP-0114 servers with
   * {@code tls: true} and RFC 6120 §5 direct-TLS ports expect), checking the certificate against the trusted
   * CAs and against {@code host} with the JDK's HTTPS endpoint identification (RFC 6125 §6, RFC 2818 §3.1).
   *
   * @throws CertificateRefusedException if the certificate does not verify (the message names host and reason)
   * @throws IOException if the connection or the handshake fails for another reason
   */
  public SSLSocket connect(String host, int port, Duration timeout) throws IOException {
    SSLContext context;
    try {
      context = clientContext();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the trusted CAs (" + this + "): " + e.getMessage(), e);
    }
    Socket raw = new Socket();
    SSLSocket socket = null;
    try {
      raw.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      socket.setSoTimeout(0);
      return socket;
    } catch (IOException e) {
      closeQuietly(socket != null ? socket : raw);
      Optional<CertificateRefusedException> refused = CertificateRefusedException.from(host, e);
      if (refused.isPresent()) {
        throw refused.get();
      }
      throw e;
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already failing
    }
  }

  @Override
  public String toString() {
    return enabled ? "TLS trusting " + caFile.map(Path::toString).orElse("the system CAs") : "plaintext";
  }
}
