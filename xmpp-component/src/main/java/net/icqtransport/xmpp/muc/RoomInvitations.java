package net.icqtransport.xmpp.muc;

import java.util.Objects;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.handler.AsyncFailures;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import net.icqtransport.xmpp.user.JoinedRoom;
import net.icqtransport.xmpp.user.XmppUsers;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Invitations to ICQ chat rooms, both ways.
 *
 * <ul>
 *   <li>From the user (XEP-0045 §7.8.2, mediated): {@code <x xmlns='http://jabber.org/protocol/muc#user'>
 *       <invite to='UIN@domain'><reason>…</reason></invite></x>} to the room JID, from a resource in the room,
 *       becomes {@code gateway.inviteToRoom} for each invitee. An invitee that is no contact JID of this
 *       transport → {@code jid-malformed}; not in the room → {@code not-acceptable}; a failure bounces the
 *       message.
 *   <li>From an ICQ contact: an XEP-0249 direct invitation from the contact's JID to the user's bare JID, with
 *       a body for clients without XEP-0249.
 * </ul>
 */
public final class RoomInvitations {
  private static final Logger LOG = LoggerFactory.getLogger(RoomInvitations.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;

  public RoomInvitations(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** §7.8.2: the user invites contacts through the room. */
  void invite(Message message, LegacyRoomId room, Element x) {
    UserAddress user = addresses.userOf(message.getFrom());
    String resource = RoomStanzas.resourceOf(message.getFrom());
    JoinedRoom joined = users.find(user).flatMap(state -> state.room(room))
        .filter(r -> r.hasResource(resource) && r.state() == JoinedRoom.State.IN)
        .orElseThrow(() -> new StanzaException(PacketError.Condition.not_acceptable,
            "You are not in the ICQ chat room \"" + room.name() + "\": join it first"));
    for (Element invite : x.elements("invite")) {
      LegacyContactId contact = invitee(invite.attributeValue("to"));
      String reason = invite.elementText("reason");
      gateway.inviteToRoom(user, joined.room(), contact, reason == null ? "" : reason.strip())
          .whenComplete((ok, failure) -> {
            if (failure != null) {
              Throwable cause = AsyncFailures.unwrap(failure);
              LOG.debug("{} could not invite {} to the ICQ chat room {}: {}", user, contact, room.name(),
                  cause.toString());
              sender.send(StanzaErrors.messageError(message,
                  StanzaErrorMapping.forGatewayFailure(cause, "send the invitation")));
            }
          });
    }
  }

  private LegacyContactId invitee(String to) {
    try {
      Recipient recipient = addresses.recipientOf(new JID(to));
      if (recipient.contact() != null) {
        return recipient.contact();
      }
    } catch (RuntimeException e) {
      // below
    }
    throw new StanzaException(PacketError.Condition.jid_malformed,
        "Only ICQ contacts can be invited: ICQnumber@" + addresses.domain().getDomain());
  }

  /** XEP-0249 §2: an ICQ contact invites the user. */
  public void invited(UserAddress user, LegacyContactId from, LegacyRoomId room, String text) {
    Message message = new Message();
    message.setFrom(addresses.contactJid(from));
    message.setTo(addresses.userJid(user));
    String reason = text == null || text.isBlank() ? null : XmlText.sanitize(text.strip());
    String name = XmlText.sanitize(room.name());
    JID roomJid;
    try {
      roomJid = addresses.roomJid(room);
    } catch (IllegalArgumentException e) {
      message.setBody("[ICQ transport] " + from.value() + " invites you to the ICQ chat room \"" + name + "\""
          + (reason == null ? "" : " (\"" + reason + "\")") + ", whose name no chat room address can hold.");
      sender.send(message);
      return;
    }
    message.setBody(from.value() + " invites you to the ICQ chat room \"" + name + "\": " + roomJid.toBareJID()
        + (reason == null ? "" : " (\"" + reason + "\")"));
    Element x = message.addChildElement("x", Namespaces.CONFERENCE);
    x.addAttribute("jid", roomJid.toBareJID());
    if (reason != null) {
      x.addAttribute("reason", reason);
    }
    sender.send(message);
  }
}
