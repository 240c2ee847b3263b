package net.icqtransport.xmpp.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.roster.RosterSync;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * Removing a user's registration, the same way whether asked by XEP-0077 {@code <remove/>} or by the
 * "Unregister" ad-hoc command: the gateway ends the session and deletes the registration, the component
 * removes every ICQ contact from the user's roster and forgets what it showed and kept for the user, and
 * after the requester has its answer the transport cancels the subscriptions both ways and goes unavailable
 * (XEP-0077 §3.2, XEP-0100 §4.3).
 */
public final class Unregistration {
  private static final Logger LOG = LoggerFactory.getLogger(Unregistration.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final RosterSync roster;
  /** The contacts to remove from each user's roster once the requester has its answer. */
  private final Map<UserAddress, Set<LegacyContactId>> rosterCleanups = new ConcurrentHashMap<>();

  public Unregistration(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      RosterSync roster) {
    this.roster = Objects.requireNonNull(roster, "roster");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
  }

  /**
   * Unregisters the user; completes with whether there was a registration. Idempotent: removing one that
   * does not exist still leaves the user unregistered. Send the answer, then {@link #announce}.
   */
  public CompletableFuture<Boolean> remove(UserAddress user) {
    LOG.info("Unregistering {}", user);
    // Read before unregistering: afterwards the gateway knows neither list.
    Set<LegacyContactId> contacts = new TreeSet<>(users.of(user).contactsInRoster());
    gateway.contacts(user).forEach(contact -> contacts.add(contact.id()));
    return gateway.unregister(user).whenComplete((existed, failure) -> {
      if (failure != null) {
        LOG.warn("Unregistering {} failed", user, AsyncFailures.unwrap(failure));
        return;
      }
      LOG.info("Unregistered {} (was registered: {})", user, existed);
      rosterCleanups.put(user, contacts);
      users.forget(user);
    });
  }

  /**
   * Tells the user's client: every ICQ contact (on the list or synced before) leaves the roster, then
   * unsubscribe, unsubscribed and unavailable from the transport (XEP-0100 §4.3).
   */
  public void announce(UserAddress user) {
    Set<LegacyContactId> contacts = rosterCleanups.remove(user);
    if (contacts != null) {
      roster.removeFromRoster(user, contacts);
    }
    JID userJid = addresses.userJid(user);
    for (Presence.Type type :
        new Presence.Type[] {Presence.Type.unsubscribe, Presence.Type.unsubscribed, Presence.Type.unavailable}) {
      Presence presence = new Presence(type);
      presence.setFrom(addresses.domain());
      presence.setTo(userJid);
      sender.send(presence);
    }
  }
}
