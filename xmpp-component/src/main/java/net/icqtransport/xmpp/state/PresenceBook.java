package net.icqtransport.xmpp.state;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.xmpp.packet.Presence;

/**
 * What the component currently shows each user, so probes (RFC 6121 §4.3) can be answered and everything
 * can be taken offline on logout or shutdown: the transport's own presence and the last available presence
 * of each legacy contact. In memory only; after a restart the core reports everything again.
 *
 * <p>Presences are stored without addresses and handed out as copies.
 */
public final class PresenceBook {

  private final Map<UserAddress, Presence> transport = new ConcurrentHashMap<>();
  private final Map<UserAddress, Map<LegacyContactId, Presence>> contacts = new ConcurrentHashMap<>();
  private final Set<UserAddress> subscriptionRequested = ConcurrentHashMap.newKeySet();
  /** Users asked for their presence subscription who have not granted it yet. */
  private final Set<UserAddress> subscriptionPending = ConcurrentHashMap.newKeySet();
  /** Users asked a second time after an {@code unsubscribed} while the request was pending. */
  private final Set<UserAddress> subscriptionAskedAgain = ConcurrentHashMap.newKeySet();

  /** Records the transport's presence to the user; an unavailable one forgets the user. */
  public void setTransportPresence(UserAddress user, Presence presence) {
    if (presence.getType() == Presence.Type.unavailable) {
      transport.remove(user);
    } else {
      transport.put(user, strip(presence));
    }
  }

  /** The transport's presence to the user, if it shows as available. */
  public Optional<Presence> transportPresence(UserAddress user) {
    return Optional.ofNullable(transport.get(user)).map(Presence::createCopy);
  }

  /** Users the transport shows as available to. */
  public List<UserAddress> usersShownAvailable() {
    return List.copyOf(transport.keySet());
  }

  /** Records a contact's presence; an unavailable one forgets the contact. */
  public void setContactPresence(UserAddress user, LegacyContactId contact, Presence presence) {
    if (presence.getType() == Presence.Type.unavailable) {
      contacts.computeIfPresent(user, (u, map) -> {
        map.remove(contact);
        return map.isEmpty() ? null : map;
      });
    } else {
      contacts.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(contact, strip(presence));
    }
  }

  /** A contact's presence to the user, if available. */
  public Optional<Presence> contactPresence(UserAddress user, LegacyContactId contact) {
    Map<LegacyContactId, Presence> map = contacts.get(user);
    return Optional.ofNullable(map == null ? null : map.get(contact)).map(Presence::createCopy);
  }

  /** Whether the contact is shown as available to the user; no copy, for use per message. */
  public boolean isContactShownAvailable(UserAddress user, LegacyContactId contact) {
    Map<LegacyContactId, Presence> map = contacts.get(user);
    return map != null && map.containsKey(contact);
  }

  /** The contacts shown as available to the user. */
  public Set<LegacyContactId> contactsShownAvailable(UserAddress user) {
    Map<LegacyContactId, Presence> map = contacts.get(user);
    return map == null ? Set.of() : Set.copyOf(map.keySet());
  }

  /** Forgets and returns the contacts shown as available to the user (to send them unavailable). */
  public Set<LegacyContactId> clearContacts(UserAddress user) {
    Map<LegacyContactId, Presence> map = contacts.remove(user);
    return map == null ? Set.of() : Set.copyOf(map.keySet());
  }

  /** Notes that the transport asked for the user's presence subscription; true the first time. */
  public boolean markSubscriptionRequested(UserAddress user) {
    return subscriptionRequested.add(user);
  }

  /** The transport has just asked the user for a presence subscription (RFC 6121 §3.1) and awaits the answer. */
  public void subscriptionRequestPending(UserAddress user) {
    subscriptionPending.add(user);
    subscriptionAskedAgain.remove(user);
  }

  /** The user granted the transport's subscription: {@code subscribed}, or a presence that needs one. */
  public void subscriptionGranted(UserAddress user) {
    subscriptionPending.remove(user);
    subscriptionAskedAgain.remove(user);
  }

  /**
   * An {@code unsubscribed} from the user arrived: true, once, if the transport's request was still pending.
   * Then it was most likely the user's server answering a probe on the user's behalf (RFC 6121 §4.3.2), which
   * cancels the pending request; the user never chose it, so the transport asks once more.
   */
  public boolean askAgainAfterUnsubscribed(UserAddress user) {
    return subscriptionPending.contains(user) && subscriptionAskedAgain.add(user);
  }

  /** Forgets everything about the user (after unregistering). */
  public void forget(UserAddress user) {
    transport.remove(user);
    contacts.remove(user);
    subscriptionRequested.remove(user);
    subscriptionPending.remove(user);
    subscriptionAskedAgain.remove(user);
  }

  private static Presence strip(Presence presence) {
    Presence copy = presence.createCopy();
    copy.setTo((String) null);
    copy.setFrom((String) null);
    copy.setID(null);
    return copy;
  }
}
