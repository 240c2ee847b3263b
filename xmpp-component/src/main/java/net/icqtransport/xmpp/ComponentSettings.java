package net.icqtransport.xmpp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.xmpp.disco.TransportPresentation;
import org.xmpp.packet.JID;

/**
 * How the transport connects to the XMPP server as an external component (XEP-0114).
 *
 * <p>{@link #toString()} never shows the secret, so settings may end up in a log line.
 *
 * @param serverHost host name or address of the XMPP server's component port, e.g. {@code 127.0.0.1}
 * @param serverPort the server's component port (Prosody's {@code component_ports}, usually 5347)
 * @param domain the component's domain, e.g. {@code icq.localhost}; contacts become {@code UIN@domain}
 * @param secret the shared secret of the XEP-0114 handshake
 * @param initialRetryDelay the delay before the second connect attempt
 * @param maxRetryDelay the longest delay between connect attempts (the backoff stops growing there)
 * @param adminJids bare JIDs allowed to run the admin commands (XEP-0133 subset), stringprepped here
 * @param tls whether the component stream runs over direct TLS (RFC 6120 §5 protections for the XEP-0114
 *     link, as ejabberd's {@code ejabberd_service} with {@code tls: true} offers) and whom it trusts
 * @param presentation what the transport calls itself towards Jabber users: an ICQ gateway (the default) or an
 *     AIM one (disco identity {@code gateway/aim}, "AIM Transport", AIM registration prompts)
 * @param readCoalescing how long the stanzas of a busy stream gather between two reads of it, zero for none
 *     (the stream on the event loops only, {@link net.icqtransport.xmpp.connection.NettyConnector}; issue #20)
 */
public record ComponentSettings(
    String serverHost,
    int serverPort,
    String domain,
    String secret,
    Duration initialRetryDelay,
    Duration maxRetryDelay,
    Set<String> adminJids,
    TlsSettings tls,
    TransportPresentation presentation,
    Duration readCoalescing) {

  /** The delay before the second connect attempt unless configured. */
  public static final Duration DEFAULT_INITIAL_RETRY_DELAY = Duration.ofSeconds(1);
  /** The longest delay between connect attempts unless configured. */
  public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(60);
  /** How long a busy stream's stanzas gather between reads unless configured ({@code xmpp.read-coalescing}). */
  public static final Duration DEFAULT_READ_COALESCING = Duration.ofMillis(1);

  public ComponentSettings {
    Objects.requireNonNull(serverHost, "serverHost");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(initialRetryDelay, "initialRetryDelay");
    Objects.requireNonNull(maxRetryDelay, "maxRetryDelay");
    Objects.requireNonNull(adminJids, "adminJids");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(presentation, "presentation");
    Objects.requireNonNull(readCoalescing, "readCoalescing");
    if (serverHost.isBlank()) {
      throw new IllegalArgumentException("serverHost is blank");
    }
    if (serverPort < 1 || serverPort > 65_535) {
      throw new IllegalArgumentException("serverPort out of range: " + serverPort);
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret is empty");
    }
    JID jid = new JID(domain); // stringpreps, throws IllegalArgumentException on a malformed domain
    if (jid.getNode() != null || jid.getResource() != null) {
      throw new IllegalArgumentException("domain must be a bare domain, not " + domain);
    }
    domain = jid.getDomain();
    if (initialRetryDelay.isNegative() || initialRetryDelay.isZero()) {
      throw new IllegalArgumentException("initialRetryDelay must be positive");
    }
    if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
      throw new IllegalArgumentException("maxRetryDelay is shorter than initialRetryDelay");
    }
    if (readCoalescing.isNegative()) {
      throw new IllegalArgumentException("readCoalescing is negative");
    }
    adminJids = adminJids.stream().map(ComponentSettings::bareJid).collect(Collectors.toUnmodifiableSet());
  }

  /** Settings of an ICQ gateway (the default presentation). */
  public ComponentSettings(String serverHost, int serverPort, String domain, String secret,
      Duration initialRetryDelay, Duration maxRetryDelay, Set<String> adminJids, TlsSettings tls) {
    this(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, adminJids, tls,
        TransportPresentation.ICQ, DEFAULT_READ_COALESCING);
  }

  /** Plaintext settings. */
  public ComponentSettings(String serverHost, int serverPort, String domain, String secret,
      Duration initialRetryDelay, Duration maxRetryDelay, Set<String> adminJids) {
    this(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, adminJids, TlsSettings.disabled());
  }

  /** These settings with {@code tls} instead. */
  public ComponentSettings withTls(TlsSettings tls) {
    return new ComponentSettings(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, adminJids, tls,
        presentation, readCoalescing);
  }

  /** These settings with {@code presentation} instead. */
  public ComponentSettings withPresentation(TransportPresentation presentation) {
    return new ComponentSettings(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, adminJids, tls,
        presentation, readCoalescing);
  }

  /** These settings with {@code readCoalescing} instead. */
  public ComponentSettings withReadCoalescing(Duration readCoalescing) {
    return new ComponentSettings(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, adminJids, tls,
        presentation, readCoalescing);
  }

  /** Settings without admins. */
  public ComponentSettings(
      String serverHost, int serverPort, String domain, String secret, Duration initialRetryDelay, Duration maxRetryDelay) {
    this(serverHost, serverPort, domain, secret, initialRetryDelay, maxRetryDelay, Set.of());
  }

  /** Settings with the default retry delays (1 s growing to 60 s). */
  public ComponentSettings(String serverHost, int serverPort, String domain, String secret) {
    this(serverHost, serverPort, domain, secret, DEFAULT_INITIAL_RETRY_DELAY, DEFAULT_MAX_RETRY_DELAY);
  }

  @Override
  public String toString() {
    return "ComponentSettings[serverHost=" + serverHost + ", serverPort=" + serverPort + ", domain=" + domain
        + ", secret=***, initialRetryDelay=" + initialRetryDelay + ", maxRetryDelay=" + maxRetryDelay
        + ", adminJids=" + adminJids + ", tls=" + tls + ", presentation=" + presentation + ", readCoalescing="
        + readCoalescing + "]";
  }

  /** Whether the bare JID of {@code jid} is an admin's. */
  public boolean isAdmin(JID jid) {
    return jid != null && adminJids.contains(bareJid(jid.toBareJID()));
  }

  private static String bareJid(String jid) {
    JID parsed = new JID(jid); // stringpreps, throws IllegalArgumentException on a malformed JID
    if (parsed.getNode() == null || parsed.getResource() != null) {
      throw new IllegalArgumentException("an admin is a bare user JID (user@domain), not " + jid);
    }
    return parsed.toBareJID();
  }
}
