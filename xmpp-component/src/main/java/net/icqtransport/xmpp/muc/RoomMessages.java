package net.icqtransport.xmpp.muc;

import java.util.Objects;
import java.util.Optional;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.handler.AsyncFailures;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.MessageListener;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.user.JoinedRoom;
import net.icqtransport.xmpp.user.XmppUsers;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

/**
 * Messages from a user to a room JID (XEP-0045), on the user's lane.
 *
 * <ul>
 *   <li>§7.4: a {@code groupchat} message with a body to the bare room JID from a resource in the room goes
 *       to {@code gateway.sendRoomMessage}; the room reflects it to every resource of the user in the room when
 *       ICQ echoes it ({@link RoomEvents#message}), with this message's id. From a resource not in the room:
 *       {@code not-acceptable}. A failure bounces the message with its body (RFC 6120 §8.3.1).
 *   <li>§7.5: private messages (to an occupant JID) → {@code feature-not-implemented}: write to the contact's
 *       own JID instead. Body-less ones (chat states) are dropped.
 *   <li>§8.1: a subject change → {@code forbidden}: ICQ rooms have no subject.
 *   <li>§7.8.2: a mediated invitation goes to {@link RoomInvitations}.
 *   <li>Messages without a body (chat states, markers) are dropped; a message with a body of another type
 *       → {@code bad-request}.
 * </ul>
 */
public final class RoomMessages implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(RoomMessages.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final RoomInvitations invitations;

  public RoomMessages(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      RoomInvitations invitations) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.invitations = Objects.requireNonNull(invitations, "invitations");
  }

  @Override
  public void handle(Message message, Recipient recipient) {
    if (message.getType() == Message.Type.headline) {
      return; // RFC 6121 §5.2.2: never answered
    }
    String body = message.getBody();
    boolean hasBody = body != null && !body.isEmpty();
    LegacyRoomId room = recipient.room();
    if (recipient.roomNick() != null) {
      if (hasBody) {
        throw new StanzaException(PacketError.Condition.feature_not_implemented,
            "ICQ chat rooms have no private messages: write to " + privateAddress(recipient.roomNick())
                + " instead");
      }
      return;
    }
    Element x = message.getChildElement("x", Namespaces.MUC_USER);
    if (x != null && x.element("invite") != null) {
      invitations.invite(message, room, x);
      return;
    }
    if (message.getType() != Message.Type.groupchat) {
      if (hasBody) {
        throw new StanzaException(PacketError.Condition.bad_request,
            "Messages to an ICQ chat room are of type groupchat");
      }
      return;
    }
    if (!hasBody) {
      if (message.getSubject() != null) {
        throw new StanzaException(PacketError.Condition.forbidden, "ICQ chat rooms have no subject");
      }
      return;
    }
    UserAddress user = addresses.userOf(message.getFrom());
    String resource = RoomStanzas.resourceOf(message.getFrom());
    Optional<JoinedRoom> joined = users.find(user).flatMap(state -> state.room(room))
        .filter(r -> r.hasResource(resource) && r.state() == JoinedRoom.State.IN);
    if (joined.isEmpty()) {
      throw new StanzaException(PacketError.Condition.not_acceptable,
          "You are not in the ICQ chat room \"" + room.name() + "\": join it first");
    }
    joined.get().awaitReflection(body, message.getID());
    gateway.sendRoomMessage(user, joined.get().room(), body).whenComplete((sent, failure) -> {
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        PacketError error;
        if (cause instanceof MessageRejectedException rejected) {
          error = StanzaErrorMapping.forMessageRejection(rejected);
        } else {
          LOG.debug("Message from {} to the ICQ chat room {} failed: {}", user, room.name(), cause.toString());
          error = StanzaErrorMapping.forGatewayFailure(cause, "send the message to the room");
        }
        sender.send(StanzaErrors.messageError(message, error));
      }
    });
  }

  /** The contact JID an occupant's nickname (its ICQ number) stands for, when it is one. */
  private String privateAddress(String nick) {
    try {
      if (addresses.recipientOf(new org.xmpp.packet.JID(nick, addresses.domain().getDomain(), null)).contact() != null) {
        return nick + "@" + addresses.domain().getDomain();
      }
    } catch (RuntimeException e) {
      // not an ICQ number
    }
    return "the contact's own address (ICQ number@" + addresses.domain().getDomain() + ")";
  }
}
