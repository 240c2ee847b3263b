package net.icqtransport.xmpp.roster;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.privilege.PrivilegeGrants;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Roster pushes the user's server forwards to a component it granted {@code roster} {@code get} or
 * {@code both} (XEP-0356 §4.4): a contact item the user renamed or moved becomes
 * {@code gateway.updateContact}, one the user removed becomes {@code gateway.removeContact} and
 * {@code forgetContact} (XEP-0100 §5.2-§5.3). Only the user's server (the bare JID) may push; anything else
 * is {@code forbidden}, as RFC 6121 §2.1.6 wants clients to treat pushes from elsewhere.
 */
public final class RosterPushHandler implements IqHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RosterPushHandler.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final XmppUsers users;
  private final TransportAddresses addresses;
  private final PrivilegeGrants grants;

  public RosterPushHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses, PrivilegeGrants grants,
      XmppUsers users) {
    this.users = Objects.requireNonNull(users, "users");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.grants = Objects.requireNonNull(grants, "grants");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.ROSTER);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    JID from = request.getFrom();
    if (request.getType() != IQ.Type.set || !recipient.isTransport() || from == null || from.getResource() != null) {
      throw new StanzaException(PacketError.Condition.forbidden, "Only your server pushes roster changes here");
    }
    UserAddress user = addresses.userOf(from);
    if (!grants.rosterPermission(user).mayGet()) {
      throw new StanzaException(PacketError.Condition.forbidden, "Your server did not grant roster access");
    }
    sender.send(IQ.createResultIQ(request));
    if (gateway.registration(user).isEmpty()) {
      return;
    }
    for (Element element : request.getChildElement().elements("item")) {
      RosterItem item = RosterItem.parse(element);
      if (item != null && addresses.domain().getDomain().equals(item.jid().getDomain()) && item.jid().getNode() != null) {
        contactChanged(user, item);
      }
    }
  }

  private void contactChanged(UserAddress user, RosterItem item) {
    LegacyContactId id;
    try {
      id = gateway.parseContactId(JID.unescapeNode(item.jid().getNode()));
    } catch (IllegalArgumentException e) {
      return;
    }
    Optional<LegacyContact> known = gateway.contacts(user).stream().filter(c -> c.id().equals(id)).findFirst();
    if ("remove".equals(item.subscription())) {
      known.ifPresent(contact -> gateway.removeContact(user, id).whenComplete((ok, failure) -> {
        if (failure != null) {
          LOG.warn("Could not remove ICQ contact {} of {}: {}", id, user, failure.toString());
        }
      }));
      users.of(user).contactLeftRoster(id);
      return;
    }
    if (known.isEmpty()) {
      return; // a new item: the user's subscription request that follows adds it (XEP-0100 §5.1)
    }
    LegacyContact current = known.get();
    String name = item.name() == null ? current.nickname() : item.name();
    if (!name.equals(current.nickname()) || !Objects.equals(item.group(), current.group())) {
      LegacyContact changed = new LegacyContact(id, name, item.group(), current.awaitingAuthorization());
      LOG.info("{} renamed or moved ICQ contact {} in the roster", user, id);
      gateway.updateContact(user, changed).whenComplete((ok, failure) -> {
        if (failure != null) {
          LOG.warn("Could not update ICQ contact {} of {}: {}", id, user, failure.toString());
        }
      });
    }
  }
}
