package net.icqtransport.oscar.icq;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.oscar.client.LoginMethod;
import net.icqtransport.oscar.client.OscarClientConfig;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.auth.ClientIdentity;

/**
 * How {@link IcqNetwork} reaches and talks to an OSCAR server.
 *
 * @param loginHost the authorizer, e.g. {@code login.icq.example} or a self-hosted Open OSCAR Server
 * @param loginPort the authorizer's port, customarily 5190
 * @param loginMethod MD5 (BUCP) or the legacy roasted-password channel-1 login
 * @param identity what the client claims to be at login
 * @param maxFlapPayload the largest FLAP payload accepted from servers (1024 … 65535)
 * @param connectTimeout per TCP connection
 * @param loginTimeout the whole login, authorizer to client ready
 * @param keepaliveInterval an empty channel-5 frame after this long without sending
 * @param messageAckTimeout how long a sent message may wait for the server's SNAC(04,0C)
 * @param legacyCodepage for 8-bit message text (charset 0x0003, and non-ASCII bytes labelled ASCII)
 * @param readerIdleTimeout a session that received nothing for this long ends as connection lost (the server is
 *     asked for something halfway through)
 * @param requestTimeout how long user-info, search and avatar requests wait for the server
 * @param maxRateQueue how many SNACs may wait for the server's rate limits before the session is ended
 * @param tls TLS for the authorizer and, with the same trust, for the BOS and service servers it redirects to
 *     (each checked against the host name of its redirect, RFC 6125 §6)
 */
public record IcqNetworkSettings(
    String loginHost,
    int loginPort,
    LoginMethod loginMethod,
    ClientIdentity identity,
    int maxFlapPayload,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration keepaliveInterval,
    Duration messageAckTimeout,
    Charset legacyCodepage,
    Duration readerIdleTimeout,
    Duration requestTimeout,
    int maxRateQueue,
    TlsSettings tls) {

  public static final int DEFAULT_PORT = 5190;
  /** Info, search and avatar requests: the server answers in well under a second when it answers at all. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  public IcqNetworkSettings {
    Objects.requireNonNull(legacyCodepage, "legacyCodepage");
    Objects.requireNonNull(messageAckTimeout, "messageAckTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (messageAckTimeout.isNegative() || messageAckTimeout.isZero()) {
      throw new IllegalArgumentException("messageAckTimeout must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    // Validates the rest.
    new OscarClientConfig(loginHost, loginPort, loginMethod, identity, maxFlapPayload, connectTimeout,
        loginTimeout, keepaliveInterval, readerIdleTimeout, maxRateQueue, tls);
  }

  /**
   * Port 5190, MD5 login, ICQ 2000b's identity, 0xFFFF-byte frames, 10 s connect, 30 s login, 60 s keepalive,
   * 30 s message acks, windows-1252, 180 s reader-idle timeout (three keepalive intervals), 30 s requests,
   * {@link OscarClientConfig#DEFAULT_MAX_RATE_QUEUE} queued SNACs, plaintext.
   */
  public static IcqNetworkSettings defaults(String loginHost) {
    return new IcqNetworkSettings(loginHost, DEFAULT_PORT, LoginMethod.MD5, ClientIdentity.ICQ_2000B,
        FlapFrame.MAX_PAYLOAD, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
        Duration.ofSeconds(30), Charset.forName("windows-1252"), Duration.ofSeconds(180), DEFAULT_REQUEST_TIMEOUT,
        OscarClientConfig.DEFAULT_MAX_RATE_QUEUE, TlsSettings.disabled());
  }

  public IcqNetworkSettings withLoginPort(int port) {
    return copy(c -> c.loginPort = port);
  }

  public IcqNetworkSettings withLoginMethod(LoginMethod method) {
    return copy(c -> c.loginMethod = method);
  }

  public IcqNetworkSettings withTimeouts(Duration connect, Duration login, Duration messageAck) {
    return copy(c -> {
      c.connectTimeout = connect;
      c.loginTimeout = login;
      c.messageAckTimeout = messageAck;
    });
  }

  public IcqNetworkSettings withKeepaliveInterval(Duration interval) {
    return copy(c -> c.keepaliveInterval = interval);
  }

  public IcqNetworkSettings withLegacyCodepage(Charset codepage) {
    return copy(c -> c.legacyCodepage = codepage);
  }

  public IcqNetworkSettings withIdentity(ClientIdentity clientIdentity) {
    return copy(c -> c.identity = clientIdentity);
  }

  /**
   * Sets the stall timeout; note that {@link #withKeepaliveInterval} keeps it as it is.
   */
  public IcqNetworkSettings withReaderIdleTimeout(Duration timeout) {
    return copy(c -> c.readerIdleTimeout = timeout);
  }

  public IcqNetworkSettings withRequestTimeout(Duration timeout) {
    return copy(c -> c.requestTimeout = timeout);
  }

  public IcqNetworkSettings withMaxRateQueue(int snacs) {
    return copy(c -> c.maxRateQueue = snacs);
  }

  /** TLS on every OSCAR connection (authorizer, BOS, services), or plaintext with {@link TlsSettings#disabled()}. */
  public IcqNetworkSettings withTls(TlsSettings settings) {
    return copy(c -> c.tls = settings);
  }

  /** These settings with {@code change} applied to a mutable copy: the one place that lists every component. */
  private IcqNetworkSettings copy(Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new IcqNetworkSettings(c.loginHost, c.loginPort, c.loginMethod, c.identity, c.maxFlapPayload,
        c.connectTimeout, c.loginTimeout, c.keepaliveInterval, c.messageAckTimeout, c.legacyCodepage,
        c.readerIdleTimeout, c.requestTimeout, c.maxRateQueue, c.tls);
  }

  /** The components of a settings value, to change some of them (see {@link #copy}). */
  private static final class Copy {
    String loginHost;
    int loginPort;
    LoginMethod loginMethod;
    ClientIdentity identity;
    int maxFlapPayload;
    Duration connectTimeout;
    Duration loginTimeout;
    Duration keepaliveInterval;
    Duration messageAckTimeout;
    Charset legacyCodepage;
    Duration readerIdleTimeout;
    Duration requestTimeout;
    int maxRateQueue;
    TlsSettings tls;

    Copy(IcqNetworkSettings s) {
      loginHost = s.loginHost;
      loginPort = s.loginPort;
      loginMethod = s.loginMethod;
      identity = s.identity;
      maxFlapPayload = s.maxFlapPayload;
      connectTimeout = s.connectTimeout;
      loginTimeout = s.loginTimeout;
      keepaliveInterval = s.keepaliveInterval;
      messageAckTimeout = s.messageAckTimeout;
      legacyCodepage = s.legacyCodepage;
      readerIdleTimeout = s.readerIdleTimeout;
      requestTimeout = s.requestTimeout;
      maxRateQueue = s.maxRateQueue;
      tls = s.tls;
    }
  }

  /** The OSCAR client's part of these settings. */
  public OscarClientConfig clientConfig() {
    return new OscarClientConfig(loginHost, loginPort, loginMethod, identity, maxFlapPayload, connectTimeout,
        loginTimeout, keepaliveInterval, readerIdleTimeout, maxRateQueue, tls);
  }
}
