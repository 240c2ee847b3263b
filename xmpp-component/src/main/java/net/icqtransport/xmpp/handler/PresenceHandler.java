package net.icqtransport.xmpp.handler;

import java.util.Objects;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.router.PresenceListener;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.state.PresenceBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/**
 * Presence from Jabber users.
 *
 * <p>To the transport (XEP-0100 §4.4-§4.5): available (show, status, priority) → {@code userAvailable},
 * which logs in on the first resource; unavailable → {@code userUnavailable}. Subscription requests are
 * approved and returned (RFC 6121 §3, XEP-0100 §4.1.1), and probes answered with the transport's presence
 * for that user (RFC 6121 §4.3). Available presence from unregistered users is ignored.
 *
 * <p>To a contact ({@code UIN@domain}, XEP-0100 §5): subscription requests are approved (syncing them with
 * the ICQ contact list is a later step), probes answered with the contact's last known presence, and
 * directed presence is ignored.
 */
public final class PresenceHandler implements PresenceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final PresenceBook presences;

  public PresenceHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses, PresenceBook presences) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.presences = Objects.requireNonNull(presences, "presences");
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
      LegacyStatus status = PresenceStatusMapping.toLegacy(presence.getShow());
      boolean registered = gateway.userAvailable(user, resource, presence.getPriority(), status, presence.getStatus());
      if (!registered) {
        LOG.debug("Ignoring available presence of unregistered {}", user);
      }
      return;
    }
    switch (type) {
      case unavailable -> gateway.userUnavailable(user, resourceOf(presence));
      case subscribe -> {
        sender.send(reply(Presence.Type.subscribed, transport, userJid));
        if (presences.markSubscriptionRequested(user)) {
          sender.send(reply(Presence.Type.subscribe, transport, userJid));
        }
        sender.send(transportPresence(user));
      }
      case unsubscribe -> sender.send(reply(Presence.Type.unsubscribed, transport, userJid));
      case probe -> sender.send(transportPresence(user));
      case subscribed -> {
        // Now the server answers probes: ask for the presence that starts the session (XEP-0100 §4.1.1).
        LOG.debug("{} allowed the transport to see its presence", user);
        sender.send(reply(Presence.Type.probe, transport, userJid));
      }
      case unsubscribed -> LOG.debug("{} stopped letting the transport see its presence", user);
      case error -> LOG.debug("Presence error from {}", user);
    }
  }

  private void toContact(Presence presence, UserAddress user, LegacyContactId contact) {
    Presence.Type type = presence.getType();
    JID userJid = addresses.userJid(user);
    JID contactJid = addresses.contactJid(contact);
    if (type == null) {
      LOG.debug("Ignoring directed presence from {} to {}", user, contact);
      return;
    }
    switch (type) {
      case subscribe -> {
        sender.send(reply(Presence.Type.subscribed, contactJid, userJid));
        sender.send(contactPresence(user, contact));
      }
      case unsubscribe -> sender.send(reply(Presence.Type.unsubscribed, contactJid, userJid));
      case probe -> sender.send(contactPresence(user, contact));
      default -> LOG.debug("Ignoring presence {} from {} to {}", type, user, contact);
    }
  }

  private Presence transportPresence(UserAddress user) {
    Presence presence = presences.transportPresence(user).orElseGet(() -> new Presence(Presence.Type.unavailable));
    presence.setFrom(addresses.domain());
    presence.setTo(addresses.userJid(user));
    return presence;
  }

  private Presence contactPresence(UserAddress user, LegacyContactId contact) {
    Presence presence = presences.contactPresence(user, contact).orElseGet(() -> new Presence(Presence.Type.unavailable));
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
