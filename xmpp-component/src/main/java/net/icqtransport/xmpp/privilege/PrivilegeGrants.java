package net.icqtransport.xmpp.privilege;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.user.UserAddress;

/**
 * What each server granted the component (XEP-0356 §4): a server speaks only for its own users, so the roster
 * permission is kept per server domain and looked up by the user's domain. A server announces its grants
 * after every connection, so they are cleared when a new connection comes up.
 */
public final class PrivilegeGrants {
  private final Map<String, RosterPermission> roster = new ConcurrentHashMap<>();

  /** Records the roster permission a server announced. */
  public void grantRoster(String serverDomain, RosterPermission permission) {
    roster.put(serverDomain.toLowerCase(Locale.ROOT), permission);
  }

  /** The roster permission for the user's rosters; NONE unless the user's server granted one. */
  public RosterPermission rosterPermission(UserAddress user) {
    String jid = user.bareJid();
    String domain = jid.substring(jid.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    return roster.getOrDefault(domain, RosterPermission.NONE);
  }

  /** Forgets every grant (a new connection: the server announces them again). */
  public void clear() {
    roster.clear();
  }
}
