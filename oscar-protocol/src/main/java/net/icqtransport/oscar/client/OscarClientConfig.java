package net.icqtransport.oscar.client;

import java.time.Duration;
import java.util.Objects;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.auth.ClientIdentity;

/**
 * What the OSCAR client needs to log in and keep a connection alive.
 *
 * @param maxFlapPayload the largest FLAP payload accepted from the server (at most 0xFFFF)
 * @param keepaliveInterval an empty channel-5 frame is sent after this long without writing
 */
public record OscarClientConfig(
    String loginHost,
    int loginPort,
    LoginMethod loginMethod,
    ClientIdentity identity,
    int maxFlapPayload,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration keepaliveInterval) {

  public OscarClientConfig {
    Objects.requireNonNull(loginHost, "loginHost");
    Objects.requireNonNull(loginMethod, "loginMethod");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(loginTimeout, "loginTimeout");
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
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
