package net.icqtransport.xmpp.endpoint;

import java.util.EnumSet;
import java.util.Objects;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.user.WrittenMessages.Written;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.bridge.UserSessions;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.router.BounceListener;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.PacketError.Condition;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.WrittenMessages;

/**
 * Turns the bounce of a message the transport wrote back into a kept message ({@link UserSessions#undeliverable}),
 * to be redelivered with its original time as the delay stamp (XEP-0203) at the user's next available
 * presence.
 *
 * <p>A bounce is a {@code <message type='error'/>} (RFC 6120 §8.3) that carries the id the transport gave the
 * message (the user's {@link net.icqtransport.xmpp.user.WrittenMessages}), comes from the user's JID and goes to the contact's (the addresses of the
 * original swapped, XEP-0100 §5.4), with a condition saying that the user cannot take it now: chiefly
 * {@code service-unavailable}, which a server without offline storage returns for a message to a user with no
 * available resource (RFC 6121 §8.5.2.1.1); also {@code recipient-unavailable}, {@code resource-constraint}
 * and the server-to-server conditions {@code remote-server-not-found} and {@code remote-server-timeout}. Any
 * other condition refuses the message itself (e.g. {@code not-acceptable}, {@code policy-violation}): kept, it
 * would be refused at every redelivery, so it is not kept, and the ICQ contact is told by a message from the
 * user's number ({@link #refusalNotice}): never dropped silently. A message error that matches no message
 * remembered is logged and ignored. No error is ever answered (RFC 6120 §8.3.1). Never logs message text.
 */
public final class MessageBounces implements BounceListener {
  private static final Logger LOG = LoggerFactory.getLogger(MessageBounces.class);
  private static final String STANZAS_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

  /** Conditions meaning "not now": the message may be delivered once the user is back. */
  private static final Set<Condition> USER_NOT_THERE = EnumSet.of(Condition.service_unavailable,
      Condition.recipient_unavailable, Condition.resource_constraint, Condition.remote_server_not_found,
      Condition.remote_server_timeout);

  private final XmppUsers users;
  private final UserSessions gateway;
  private final TransportAddresses addresses;

  public MessageBounces(XmppUsers users, UserSessions gateway, TransportAddresses addresses) {
    this.users = Objects.requireNonNull(users, "users");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  @Override
  public void bounced(Message error) {
    JID from = error.getFrom();
    JID to = error.getTo();
    Condition condition = conditionOf(error);
    UserAddress user = from == null ? null : userOf(from);
    Optional<Written> bounced = user == null ? Optional.empty() : users.find(user)
        .flatMap(state -> state.written().take(error.getID(), message -> isTo(message, to)));
    if (bounced.isEmpty()) {
      LOG.debug("Message error from {} to {}: {}; not a bounce of a message the transport wrote recently",
          from, to, condition);
      return;
    }
    Written message = bounced.get();
    if (!USER_NOT_THERE.contains(condition)) {
      LOG.warn("The server of {} refused a message from ICQ {} ({}); telling the ICQ contact that it was not "
          + "delivered", user, message.from().value(), condition);
      String notice = refusalNotice(conditionName(error));
      gateway.sendMessage(user, message.from(), notice).whenComplete((sent, failure) -> {
        if (failure != null) {
          LOG.warn("Could not tell ICQ {} that its message to {} was refused: {}", message.from().value(),
              user, failure.toString());
        }
      });
      return;
    }
    LOG.debug("The server of {} bounced message {} from ICQ {} ({}); keeping it", user, error.getID(),
        message.from().value(), condition);
    gateway.undeliverable(user, message.from(), message.text(), message.sentAt());
  }

  /**
   * What the ICQ contact reads when the user's server refused its message for good: ICQ has no error reply for
   * a message its server already accepted, so the transport answers with a message from the user's number.
   */
  static String refusalNotice(String condition) {
    String reason = condition == null ? "no reason given" : condition.replace('-', ' ');
    return "[ICQ transport] Your last message was not delivered to this Jabber user: their server refused it ("
        + reason + ").";
  }

  /** Whether the bounce goes to the message's contact (bare JIDs compared). */
  private boolean isTo(Written message, JID to) {
    return to != null && addresses.contactJid(message.from()).toBareJID().equals(to.toBareJID());
  }

  /** The user the bounce comes from (whose messages are searched), or null if the sender is no user. */
  private UserAddress userOf(JID from) {
    try {
      return addresses.userOf(from);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * The condition element's name as sent (RFC 6120 §8.3.3), also for conditions Tinder's enum lacks (e.g.
   * {@code policy-violation}); null if there is none.
   */
  private static String conditionName(Message error) {
    Element element = error.getElement().element("error");
    if (element == null) {
      return null;
    }
    for (Element child : element.elements()) {
      if (STANZAS_NAMESPACE.equals(child.getNamespaceURI()) && !"text".equals(child.getName())) {
        return child.getName();
      }
    }
    return null;
  }

  /** The defined condition (RFC 6120 §8.3.3), or null if there is none or it is unknown. */
  private static Condition conditionOf(Message error) {
    PacketError packetError = error.getError();
    if (packetError == null) {
      return null;
    }
    try {
      return packetError.getCondition();
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }
}
