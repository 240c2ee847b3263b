package net.icqtransport.xmpp.state;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;

/**
 * The available presence each of a user's resources last sent to the transport (XEP-0100 §4.4), so a
 * changed preference (status message, invisibility) can be applied at once by giving the gateway the same
 * presences again. In memory only.
 */
public final class UserPresenceBook {

  /** One resource's presence as the client sent it. */
  public record ResourcePresence(String resource, int priority, LegacyStatus status, String text) {
    public ResourcePresence {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(status, "status");
    }
  }

  private final Map<UserAddress, Map<String, ResourcePresence>> resources = new ConcurrentHashMap<>();

  public void available(UserAddress user, ResourcePresence presence) {
    resources.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(presence.resource(), presence);
  }

  public void unavailable(UserAddress user, String resource) {
    resources.computeIfPresent(user, (u, map) -> {
      map.remove(resource);
      return map.isEmpty() ? null : map;
    });
  }

  /** The user's available resources' presences, in no particular order. */
  public List<ResourcePresence> presences(UserAddress user) {
    Map<String, ResourcePresence> map = resources.get(user);
    return map == null ? List.of() : List.copyOf(map.values());
  }

  public void forget(UserAddress user) {
    resources.remove(user);
  }
}
