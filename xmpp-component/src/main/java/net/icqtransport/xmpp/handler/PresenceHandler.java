package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.roster.ClientFeatures;
import net.icqtransport.xmpp.router.PresenceListener;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.ResourcePresence;

/**
 * Presence from Jabber users.
 *
 * <p>To the transport (XEP-0100 §4.4-§4.5): available (show, status, priority) of every resource →
 * {@code userAvailable} (the core follows the highest priority), and each new resource's features are asked
 * (disco#info, for XEP-0144); unavailable → {@code userUnavailable}; an unavailable from the bare JID (the
 * server's, when the user's session ended abruptly, RFC 6121 §4.5.3.2) ends every known resource.
 * Subscription requests are approved and returned (RFC 6121 §3, XEP-0100 §4.1.1), and probes answered with
 * the transport's presence for that user (RFC 6121 §4.3). Available presence from a user who is not
 * registered gets {@code registration-required}.
 *
 * <p>To a contact ({@code UIN@domain}, XEP-0100 §5): subscription stanzas edit the ICQ contact list and answer
 * authorization requests ({@link ContactSubscriptions}), probes are answered with the contact's last known
 * presence, and directed presence is ignored. From an unregistered user, available presence and
 * subscription requests get {@code registration-required}.
 */
public final class PresenceHandler implements PresenceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final ClientFeatures clientFeatures;
  private final ContactSubscriptions subscriptions;
  private final RegistrationCheck registration;

  public PresenceHandler(
      StanzaSender sender,
      Gateway gateway,
      TransportAddresses addresses,
      XmppUsers users,
      ClientFeatures clientFeatures) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.clientFeatures = Objects.requireNonNull(clientFeatures, "clientFeatures");
    this.registration = RegistrationCheck.of(gateway);
    this.subscriptions = new ContactSubscriptions(sender, gateway, addresses, users);
  }

  @Override
  public void handle(Presence presence, Recipient recipient) {
    UserAddress user = addresses.userOf(presence.getFrom());
    if (recipient.isTransport()) {
      toTransport(presence, user);
    } else {
      toContact(presence, user, recipient.contact());
    }
  }

  private void toTransport(Presence presence, UserAddress user) {
    Presence.Type type = presence.getType();
    JID userJid = addresses.userJid(user);
    JID transport = addresses.domain();
    if (type == null) {
      String resource = resourceOf(presence);
      // The user's ad-hoc overrides (invisible, a fixed status message) win over what the client sends.
      LegacyStatus requested = PresenceStatusMapping.toLegacy(presence.getShow());
      XmppUser known = users.find(user).orElse(null);
      LegacyStatus status = known == null ? requested : known.effectiveStatus(requested);
      String text = known == null ? presence.getStatus() : known.effectiveStatusText(presence.getStatus());
      boolean registered = gateway.userAvailable(user, resource, presence.getPriority(), status, text);
      if (!registered) {
        LOG.debug("Available presence of unregistered {}", user);
        throw registrationRequired();
      }
      XmppUser state = users.of(user);
      state.resourceAvailable(new ResourcePresence(resource, presence.getPriority(), requested, presence.getStatus()));
      clientFeatures.resourceAvailable(user, presence.getFrom());
      state.subscriptionGranted();
      return;
    }
    switch (type) {
      case unavailable -> unavailable(presence, user);
      case subscribe -> {
        sender.send(reply(Presence.Type.subscribed, transport, userJid));
        if (users.of(user).askBackOnce()) {
          sender.send(reply(Presence.Type.subscribe, transport, userJid));
        }
        sender.send(transportPresence(user));
      }
      case unsubscribe -> sender.send(reply(Presence.Type.unsubscribed, transport, userJid));
      case probe -> sender.send(transportPresence(user));
      case subscribed -> {
        // Now the server answers probes: ask for the presence that starts the session (XEP-0100 §4.1.1).
        LOG.debug("{} allowed the transport to see its presence", user);
        users.of(user).subscriptionGranted();
        sender.send(reply(Presence.Type.probe, transport, userJid));
      }
      case unsubscribed -> {
        if (users.of(user).askAgainAfterUnsubscribed()) {
          // Not the user's answer: their server answered a probe while our request was pending, cancelling it.
          LOG.info("{}'s server cancelled the transport's pending subscription request; asking once more", user);
          sender.send(reply(Presence.Type.subscribe, transport, userJid));
        } else {
          LOG.debug("{} stopped letting the transport see its presence", user);
        }
      }
      case error -> LOG.debug("Presence error from {}", user);
    }
  }

  private void unavailable(Presence presence, UserAddress user) {
    String resource = presence.getFrom().getResource();
    if (resource != null) {
      users.find(user).ifPresent(state -> state.resourceUnavailable(resource));
      clientFeatures.resourceGone(user, presence.getFrom());
      gateway.userUnavailable(user, resource);
      return;
    }
    // From the bare JID: the server says every resource is gone.
    Set<String> gone = users.find(user).map(XmppUser::removeAllResources).orElse(Set.of());
    clientFeatures.forget(user);
    if (gone.isEmpty()) {
      gateway.userUnavailable(user, "");
    }
    gone.forEach(r -> gateway.userUnavailable(user, r));
  }

  private void toContact(Presence presence, UserAddress user, LegacyContactId contact) {
    Presence.Type type = presence.getType();
    JID userJid = addresses.userJid(user);
    JID contactJid = addresses.contactJid(contact);
    boolean registered = registration.isRegistered(user);
    if (type == null) {
      if (!registered) {
        throw registrationRequired();
      }
      LOG.debug("Ignoring directed presence from {} to {}", user, contact);
      return;
    }
    switch (type) {
      case subscribe -> {
        if (!registered) {
          throw registrationRequired();
        }
        subscriptions.subscribe(presence, user, contact);
      }
      case subscribed -> {
        if (registered) {
          subscriptions.subscribed(user, contact);
        }
      }
      case unsubscribe -> {
        if (registered) {
          subscriptions.unsubscribe(user, contact);
        } else {
          sender.send(reply(Presence.Type.unsubscribed, contactJid, userJid));
        }
      }
      case unsubscribed -> {
        if (registered) {
          subscriptions.unsubscribed(presence, user, contact);
        }
      }
      case probe -> sender.send(contactPresence(user, contact));
      default -> LOG.debug("Ignoring presence {} from {} to {}", type, user, contact);
    }
  }

  private StanzaException registrationRequired() {
    return new StanzaException(PacketError.Condition.registration_required,
        "Register with " + addresses.domain() + " (your ICQ number and password) first");
  }
  private Presence transportPresence(UserAddress user) {
    Presence presence = users.find(user).flatMap(XmppUser::transportPresence).orElseGet(() -> new Presence(Presence.Type.unavailable));
    presence.setFrom(addresses.domain());
    presence.setTo(addresses.userJid(user));
    return presence;
  }

  private Presence contactPresence(UserAddress user, LegacyContactId contact) {
    Presence presence = users.find(user).flatMap(state -> state.contactPresence(contact)).orElseGet(() -> new Presence(Presence.Type.unavailable));
    presence.setFrom(addresses.contactJid(contact));
    presence.setTo(addresses.userJid(user));
    return presence;
  }

  private static Presence reply(Presence.Type type, JID from, JID to) {
    Presence presence = new Presence(type);
    presence.setFrom(from);
    presence.setTo(to);
    return presence;
  }

  /** The sending resource; a presence from a bare JID (e.g. a server's own) counts as the empty resource. */
  private static String resourceOf(Presence presence) {
    String resource = presence.getFrom().getResource();
    return resource == null ? "" : resource;
  }
}
