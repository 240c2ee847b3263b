package net.icqtransport.xmpp.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Sends each inbound stanza to the handler of its protocol area, and is the one place where failures become
 * stanza errors (RFC 6120 §8.3): every IQ get/set gets an answer ({@code feature-not-implemented} when no
 * handler knows its namespace), malformed stanzas get {@code bad-request}, and no exception escapes. IQ
 * results and errors go to the {@link IqRequests} that sent the request. An IQ to a contact JID from a user
 * who is not registered gets {@code registration-required} (XEP-0100 §5: contacts exist only for users).
 *
 * <p>Never logs a stanza's XML: a registration carries the user's ICQ password.
 */
public final class StanzaRouter {
  private static final Logger LOG = LoggerFactory.getLogger(StanzaRouter.class);

  private final TransportAddresses addresses;
  private final StanzaSender sender;
  private final Map<String, IqHandler> iqHandlers = new HashMap<>();
  private final PresenceListener presenceHandler;
  private final MessageListener messageHandler;
  private final IqRequests requests;
  private final RegistrationCheck registration;

  public StanzaRouter(
      TransportAddresses addresses,
      StanzaSender sender,
      List<IqHandler> iqHandlers,
      PresenceListener presenceHandler,
      MessageListener messageHandler) {
    this(addresses, sender, iqHandlers, presenceHandler, messageHandler, new IqRequests(sender), RegistrationCheck.ANYONE);
  }

  public StanzaRouter(
      TransportAddresses addresses,
      StanzaSender sender,
      List<IqHandler> iqHandlers,
      PresenceListener presenceHandler,
      MessageListener messageHandler,
      IqRequests requests,
      RegistrationCheck registration) {
    this.requests = Objects.requireNonNull(requests, "requests");
    this.registration = Objects.requireNonNull(registration, "registration");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.presenceHandler = Objects.requireNonNull(presenceHandler, "presenceHandler");
    this.messageHandler = Objects.requireNonNull(messageHandler, "messageHandler");
    for (IqHandler handler : iqHandlers) {
      for (String namespace : handler.namespaces()) {
        if (this.iqHandlers.putIfAbsent(namespace, handler) != null) {
          throw new IllegalArgumentException("two handlers for " + namespace);
        }
      }
    }
  }

  /** Handles one inbound stanza; never throws. */
  public void route(Packet stanza) {
    try {
      if (stanza instanceof IQ iq) {
        routeIq(iq);
      } else if (stanza instanceof Message message) {
        if (isType(message, "error")) {
          LOG.debug("Message error from {} to {}: {}", message.getFrom(), message.getTo(), conditionOf(message));
          return;
        }
        messageHandler.handle(message, addresses.recipientOf(message.getTo()));
      } else if (stanza instanceof Presence presence) {
        if (isType(presence, "error")) {
          LOG.debug("Presence error from {} to {}: {}", presence.getFrom(), presence.getTo(), conditionOf(presence));
          return;
        }
        presenceHandler.handle(presence, addresses.recipientOf(presence.getTo()));
      } else {
        LOG.warn("Ignoring an unknown stanza kind {}", stanza.getClass().getName());
      }
    } catch (StanzaException e) {
      LOG.debug("Refusing {} from {}: {} ({})", kind(stanza), stanza.getFrom(), e.condition().toXMPP(), e.getMessage());
      reply(stanza, e.toPacketError());
    } catch (IllegalArgumentException e) {
      // Tinder throws this for an unknown type or show value, or a malformed address.
      LOG.debug("Malformed {} from {}: {}", kind(stanza), stanza.getFrom(), e.getMessage());
      reply(stanza, new PacketError(PacketError.Condition.bad_request, PacketError.Type.modify, "Malformed stanza"));
    } catch (RuntimeException e) {
      LOG.error("Failed to handle a {} from {} to {}", kind(stanza), stanza.getFrom(), stanza.getTo(), e);
      reply(stanza, StanzaErrorMapping.forUnexpectedFailure("handle this " + kind(stanza)));
    }
  }

  private void routeIq(IQ iq) {
    IQ.Type type = iq.getType();
    if (type == IQ.Type.result || type == IQ.Type.error) {
      if (!requests.answer(iq)) {
        // An answer to no request of ours (or a late one): consumed, never echoed.
        LOG.debug("Consumed IQ {} from {} (id {})", type, iq.getFrom(), iq.getID());
      }
      return;
    }
    if (type == null) {
      throw new StanzaException(PacketError.Condition.bad_request, "IQ without a type");
    }
    Element payload = iq.getChildElement();
    if (payload == null) {
      throw new StanzaException(PacketError.Condition.bad_request, "IQ " + type + " without a payload");
    }
    Recipient recipient = addresses.recipientOf(iq.getTo());
    if (!recipient.isTransport() && !registration.isRegistered(addresses.userOf(iq.getFrom()))) {
      throw new StanzaException(PacketError.Condition.registration_required, "Register with " + addresses.domain() + " first");
    }
    IqHandler handler = iqHandlers.get(payload.getNamespaceURI());
    if (handler == null) {
      LOG.debug("No handler for IQ {} {} from {}", type, payload.getNamespaceURI(), iq.getFrom());
      throw new StanzaException(PacketError.Condition.feature_not_implemented, null);
    }
    handler.handle(iq, recipient);
  }

  private void reply(Packet stanza, PacketError error) {
    StanzaErrors.replyTo(stanza, error).ifPresent(sender::send);
  }

  private static boolean isType(Packet stanza, String type) {
    return type.equals(stanza.getElement().attributeValue("type"));
  }

  private static String conditionOf(Packet stanza) {
    Element error = stanza.getElement().element("error");
    if (error == null) {
      return "(no error element)";
    }
    return error.elements().isEmpty() ? "(no condition)" : error.elements().get(0).getName();
  }

  private static String kind(Packet stanza) {
    return stanza.getElement().getName();
  }
}
