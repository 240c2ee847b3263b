package net.icqtransport.oscar.server;

/** The login error codes (TLV 0x08) this simulator sends; reference {@code auth_failed} lists them all. */
enum LoginError {
  /** 0x0001 "Invalid nick or password": the screen name is not registered. */
  INVALID_UIN_OR_PASSWORD(0x0001),
  /** 0x0005 "Mismatch nick or password": a known account, a wrong password. */
  WRONG_PASSWORD(0x0005),
  /** 0x0018 "Rate limit exceeded (reservation). Please try to reconnect in a few minutes": per-UIN limit. */
  RATE_LIMIT_RESERVATION(0x0018),
  /**
   * 0x001D "Rate limit exceeded. Please try to reconnect in a few minutes": per-IP limit, and the login lockout
   * of real servers (OSCAR-SERVERS.md, "Rate limits on login").
   */
  RATE_LIMIT(0x001D);

  private final int code;

  LoginError(int code) {
    this.code = code;
  }

  int code() {
    return code;
  }
}
