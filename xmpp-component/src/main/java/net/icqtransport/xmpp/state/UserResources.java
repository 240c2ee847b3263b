package net.icqtransport.xmpp.state;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.user.UserAddress;

/**
 * The resources of each user that told the transport they are available (XEP-0100 §4.4), so that an
 * {@code unavailable} from the bare JID (the server's, when the user's session ended abruptly) can end all of
 * them (RFC 6121 §4.5.3.2).
 */
public final class UserResources {
  private final Map<UserAddress, Set<String>> resources = new ConcurrentHashMap<>();

  public void available(UserAddress user, String resource) {
    resources.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(resource);
  }

  public void unavailable(UserAddress user, String resource) {
    resources.computeIfPresent(user, (u, set) -> {
      set.remove(resource);
      return set.isEmpty() ? null : set;
    });
  }

  /** Forgets and returns every resource of the user. */
  public Set<String> removeAll(UserAddress user) {
    Set<String> gone = resources.remove(user);
    return gone == null ? Set.of() : Set.copyOf(gone);
  }
}
