package net.icqtransport.xmpp.privilege;

import java.util.Locale;

/**
 * The {@code roster} permission a server grants a privileged component (XEP-0356 §4.1 / §4.2, {@code <perm
 * access='roster' type='…'/>}): {@code get} lets it read users' rosters and receive their roster pushes,
 * {@code set} lets it change them, {@code both} both.
 */
public enum RosterPermission {
  NONE,
  GET,
  SET,
  BOTH;

  /** The permission for a {@code type} attribute; anything unknown grants nothing. */
  public static RosterPermission ofType(String type) {
    if (type == null) {
      return NONE;
    }
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "get" -> GET;
      case "set" -> SET;
      case "both" -> BOTH;
      default -> NONE;
    };
  }

  /** Whether the component may read rosters (and is sent roster pushes). */
  public boolean mayGet() {
    return this == GET || this == BOTH;
  }

  /** Whether the component may change rosters. */
  public boolean maySet() {
    return this == SET || this == BOTH;
  }
}
