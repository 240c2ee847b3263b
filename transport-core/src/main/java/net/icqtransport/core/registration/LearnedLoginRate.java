package net.icqtransport.core.registration;

import java.util.OptionalDouble;

/**
 * The pace of logins a login server accepted from the transport, as the transport learned it from the server's
 * answers: the rate it paces logins at now, and the pace at which the server last refused logins for its rate
 * limit (OSCAR login errors 0x0018 "reservation rate limit exceeded" and 0x001D "rate limit exceeded"), if any.
 *
 * @param loginsPerSecond the pace of logins now; positive and finite
 * @param refusedAt the pace (logins per second) at which the server last refused a login for its rate limit;
 *     empty while none is known. Positive and finite.
 */
public record LearnedLoginRate(double loginsPerSecond, OptionalDouble refusedAt) {

  public LearnedLoginRate {
    if (!(loginsPerSecond > 0) || Double.isInfinite(loginsPerSecond)) {
      throw new IllegalArgumentException("loginsPerSecond must be positive and finite: " + loginsPerSecond);
    }
    if (refusedAt.isPresent() && (!(refusedAt.getAsDouble() > 0) || Double.isInfinite(refusedAt.getAsDouble()))) {
      throw new IllegalArgumentException("refusedAt must be positive and finite: " + refusedAt);
    }
  }

  /** A rate nothing was learned about yet: the configured starting rate. */
  public static LearnedLoginRate startingAt(double loginsPerSecond) {
    return new LearnedLoginRate(loginsPerSecond, OptionalDouble.empty());
  }
}
