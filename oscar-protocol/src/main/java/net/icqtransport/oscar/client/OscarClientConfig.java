package net.icqtransport.oscar.client;

import java.time.Duration;
import java.util.Objects;
import net.icqtransport.core.tls.TlsSettings;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.auth.ClientIdentity;

/**
 * What the OSCAR client needs to log in and keep a connection alive.
 *
 * @param maxFlapPayload the largest FLAP payload accepted from the server (at most 0xFFFF)
 * @param keepaliveInterval an empty channel-5 frame is sent after this long without writing
 * @param readerIdleTimeout a connection that received nothing for this long is stalled and ended; halfway, a
 *     signed-on connection asks the server for its own info (SNAC(01,0E)) to provoke an answer
 * @param maxRateQueue how many SNACs may wait for the rate limits of one connection before it is ended
 * @param tls TLS on every connection (authorizer, then BOS and services with the host of their redirect)
 */
public record OscarClientConfig(
    String loginHost,
    int loginPort,
    LoginMethod loginMethod,
    ClientIdentity identity,
    int maxFlapPayload,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration keepaliveInterval,
    Duration readerIdleTimeout,
    int maxRateQueue,
    TlsSettings tls) {

  /** The customary bound on SNACs waiting for rate limits: far more than any user types. */
  public static final int DEFAULT_MAX_RATE_QUEUE = 10_000;

  public OscarClientConfig {
    Objects.requireNonNull(loginHost, "loginHost");
    Objects.requireNonNull(loginMethod, "loginMethod");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(loginTimeout, "loginTimeout");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    Objects.requireNonNull(readerIdleTimeout, "readerIdleTimeout");
    Objects.requireNonNull(tls, "tls");
    if (readerIdleTimeout.toMillis() < 2) {
      throw new IllegalArgumentException("readerIdleTimeout must be at least 2 ms");
    }
    if (maxRateQueue < 1) {
      throw new IllegalArgumentException("maxRateQueue must be positive");
    }
    if (loginPort < 1 || loginPort > 0xFFFF) {
      throw new IllegalArgumentException("bad login port " + loginPort);
    }
    if (maxFlapPayload < 1024 || maxFlapPayload > FlapFrame.MAX_PAYLOAD) {
      throw new IllegalArgumentException("maxFlapPayload must be within 1024.." + FlapFrame.MAX_PAYLOAD);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || loginTimeout.isNegative()
        || loginTimeout.isZero() || keepaliveInterval.isNegative() || keepaliveInterval.isZero()) {
      throw new IllegalArgumentException("durations must be positive");
    }
  }
}
