package net.icqtransport.xmpp.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.xmpp.access.AccessPolicy;
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
import org.xmpp.packet.JID;
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
 * The {@link AccessPolicy} refuses users of other domains, oversized messages and excess rates first.
 * Message errors go to the {@link BounceListener}, before the access policy: they are answers to the
 * transport's own messages, never answered themselves.
 *
 * <p>Addresses are checked with stringprep (RFC 7622) before anything else: a malformed {@code to} gets
 * {@code jid-malformed} (RFC 6120 §8.3.3.8) from the transport's own address; a stanza without a {@code from}
 * or with a malformed one cannot be answered (the server stamps {@code from} on every stanza it routes to a
 * component, XEP-0114 §3) and is dropped with a log line.
 *
 * <p>Never logs a stanza's XML: a registration carries the user's ICQ password.
 */
public final class StanzaRouter {
  private static final Logger LOG = LoggerFactory.getLogger(StanzaRouter.class);

  /** The IQs a room JID answers (XEP-0045 §6.4 disco, XEP-0410 self-ping); the other handlers serve contacts. */
  private static final java.util.Set<String> ROOM_NAMESPACES = java.util.Set.of(
      net.icqtransport.xmpp.stanza.Namespaces.DISCO_INFO, net.icqtransport.xmpp.stanza.Namespaces.DISCO_ITEMS,
      net.icqtransport.xmpp.stanza.Namespaces.PING);

  private final TransportAddresses addresses;
  private final StanzaSender sender;
  private final Map<String, IqHandler> iqHandlers = new HashMap<>();
  private final PresenceListener presenceHandler;
  private final MessageListener messageHandler;
  private final BounceListener bounces;
  private final IqRequests requests;
  private final RegistrationCheck registration;
  private final AccessPolicy access;

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
    this(addresses, sender, iqHandlers, presenceHandler, messageHandler, StanzaRouter::logBounce, requests,
        registration, AccessPolicy.defaults(addresses.domain().getDomain()));
  }

  public StanzaRouter(
      TransportAddresses addresses,
      StanzaSender sender,
      List<IqHandler> iqHandlers,
      PresenceListener presenceHandler,
      MessageListener messageHandler,
      BounceListener bounces,
      IqRequests requests,
      RegistrationCheck registration,
      AccessPolicy access) {
    this.access = Objects.requireNonNull(access, "access");
    this.bounces = Objects.requireNonNull(bounces, "bounces");
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
      if (!addressesAreWellFormed(stanza)) {
        return;
      }
      if (stanza instanceof IQ iq) {
        routeIq(iq);
      } else if (stanza instanceof Message message) {
        if (isType(message, "error")) {
          bounces.bounced(message);
          return;
        }
        Recipient recipient = addresses.recipientOf(message.getTo());
        if (refused(message, recipient)) {
          return;
        }
        messageHandler.handle(message, recipient);
      } else if (stanza instanceof Presence presence) {
        if (fromOwnDomain(presence)) {
          // ejabberd forwards presences the user receives from the contacts' addresses: answering them with an
          // error would send it to this component again, and round it goes (issue #15, 4).
          LOG.debug("Ignoring a presence from this transport's own address {} to {}", presence.getFrom(),
              presence.getTo());
          return;
        }
        if (isType(presence, "error")) {
          LOG.debug("Presence error from {} to {}: {}", presence.getFrom(), presence.getTo(), conditionOf(presence));
          return;
        }
        Recipient recipient = addresses.recipientOf(presence.getTo());
        if (refused(presence, recipient)) {
          return;
        }
        presenceHandler.handle(presence, recipient);
      } else {
        LOG.warn("Ignoring an unknown stanza kind {}", stanza.getClass().getName());
      }
    } catch (StanzaException e) {
      LOG.debug("Refusing {} from {}: {} ({})", kind(stanza), stanza.getFrom(), e.condition().toXMPP(), e.getMessage());
      reply(stanza, e.toPacketError());
    } catch (StoreException e) {
      LOG.warn("Refusing a {} from {}: the registration store is unavailable: {}", kind(stanza), stanza.getFrom(),
          e.reason());
      reply(stanza, StanzaErrorMapping.forStoreUnavailable());
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
    if (refused(iq, recipient)) {
      return;
    }
    if (!recipient.isTransport() && !registration.isRegistered(addresses.userOf(iq.getFrom()))) {
      throw new StanzaException(PacketError.Condition.registration_required, "Register with " + addresses.domain() + " first");
    }
    if (recipient.isRoom() && !ROOM_NAMESPACES.contains(payload.getNamespaceURI())) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented, "ICQ chat rooms answer only "
          + "service discovery and ping");
    }
    IqHandler handler = iqHandlers.get(payload.getNamespaceURI());
    if (handler == null) {
      LOG.debug("No handler for IQ {} {} from {}", type, payload.getNamespaceURI(), iq.getFrom());
      throw new StanzaException(PacketError.Condition.feature_not_implemented, null);
    }
    handler.handle(iq, recipient);
  }

  /** Asks the access policy; sends its refusal if there is one. */
  private boolean refused(Packet stanza, Recipient recipient) {
    JID from = stanza.getFrom(); // Tinder's getter writes the address out anew at each call
    Optional<Packet> refusal = access.refusal(stanza, recipient, addresses.userOf(from));
    refusal.ifPresent(reply -> {
      LOG.debug("Refusing a {} from {}: {}", kind(stanza), from, conditionOf(reply));
      sender.send(reply);
    });
    return refusal.isPresent();
  }

  /** Sent from the component's domain or one of its contact addresses: this component's own, never a user's. */
  private boolean fromOwnDomain(Packet stanza) {
    JID from = stanza.getFrom();
    return from != null && addresses.domain().getDomain().equals(from.getDomain());
  }

  /**
   * Whether {@code from} and {@code to} stringprep (Tinder's getters do not check them): false after dropping
   * a stanza that cannot be answered or answering {@code jid-malformed} for a bad {@code to}.
   */
  private boolean addressesAreWellFormed(Packet stanza) {
    String from = stanza.getElement().attributeValue("from");
    if (from == null || from.isEmpty() || !isJid(from)) {
      LOG.warn("Dropping a {} {}: it cannot be answered", kind(stanza),
          from == null || from.isEmpty() ? "without a sender" : "from a malformed address");
      return false;
    }
    String to = stanza.getElement().attributeValue("to");
    if (to != null && !isJid(to)) {
      Packet readdressed = stanza.createCopy();
      readdressed.getElement().addAttribute("to", addresses.domain().toString());
      LOG.debug("Refusing a {} from {} to a malformed address", kind(stanza), from);
      reply(readdressed, new PacketError(PacketError.Condition.jid_malformed, PacketError.Type.modify,
          "Malformed recipient address"));
      return false;
    }
    return true;
  }

  private static boolean isJid(String text) {
    return TransportAddresses.isWellFormed(text);
  }

  private void reply(Packet stanza, PacketError error) {
    StanzaErrors.replyTo(stanza, error).ifPresent(sender::send);
  }

  private static boolean isType(Packet stanza, String type) {
    return type.equals(stanza.getElement().attributeValue("type"));
  }

  /** What a router without a bounce listener does with a message error: log it. */
  private static void logBounce(Message error) {
    LOG.debug("Message error from {} to {}: {}", error.getFrom(), error.getTo(), conditionOf(error));
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
