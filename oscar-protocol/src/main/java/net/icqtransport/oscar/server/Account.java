package net.icqtransport.oscar.server;

import java.util.Objects;

/** A registered account: screen name (a UIN for ICQ) as registered, password, registration time (unix s). */
record Account(String screenName, String password, long memberSince) {
  Account {
    Objects.requireNonNull(screenName, "screenName");
    Objects.requireNonNull(password, "password");
  }

  /** Leaves the password out. */
  @Override
  public String toString() {
    return "Account[" + screenName + "]";
  }
}
