package net.icqtransport.xmpp.access;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Decides, before any handler runs, whether an inbound stanza may use the transport, and builds the error
 * reply when not (RFC 6120 §8.3):
 *
 * <ul>
 *   <li>users of other domains than the allowed ones get {@code forbidden} on everything but discovery of the
 *       transport itself (XEP-0077 §3 lets a service refuse registration; XEP-0100 §4.1); senders without a
 *       local part (servers, components) are not users and pass — they can own no registration;
 *   <li>a message body over the size limit is bounced with {@code not-acceptable}, without echoing it;
 *   <li>messages to contacts beyond the user's rate are bounced with {@code resource-constraint} and a text
 *       (never dropped silently); registration requests beyond the hourly limit get {@code policy-violation}.
 * </ul>
 */
public final class AccessPolicy {
  private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
  /** What users of any domain may ask the transport itself: who it is and whether it is there. */
  private static final Set<String> PUBLIC_NAMESPACES =
      Set.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.VERSION, Namespaces.PING);

  private final AccessSettings settings;
  private final Set<String> allowedDomains;
  private final UserRateLimits limits;

  public AccessPolicy(AccessSettings settings, String componentDomain, LongSupplier nanoTime) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.allowedDomains = settings.allowedDomains(componentDomain);
    this.limits = new UserRateLimits(settings, nanoTime);
  }

  /** The defaults of {@link AccessSettings#DEFAULTS} on the system clock. */
  public static AccessPolicy defaults(String componentDomain) {
    return new AccessPolicy(AccessSettings.DEFAULTS, componentDomain, System::nanoTime);
  }

  /** An XEP-0077 §3.2 {@code <remove/>}: leaving costs no login, so it never counts against the hourly limit. */
  private static boolean isRemoval(IQ iq) {
    Element query = iq.getChildElement();
    return query != null && query.element("remove") != null;
  }

  /**
   * The error reply refusing {@code stanza} (an IQ get/set, a message or a presence that is not an error) sent
   * by {@code user} to {@code recipient}; empty when it may go on to its handler.
   */
  public Optional<Packet> refusal(Packet stanza, Recipient recipient, UserAddress user) {
    if (hasNode(user) && !allowedDomains.contains(domainOf(user))) {
      if (!(stanza instanceof IQ iq && recipient.isTransport() && PUBLIC_NAMESPACES.contains(namespace(iq)))) {
        return reply(stanza, new PacketError(PacketError.Condition.forbidden, PacketError.Type.auth,
            "This transport serves users of " + String.join(", ", allowedDomains.stream().sorted().toList())));
      }
    }
    if (stanza instanceof Message message && message.getBody() != null) {
      int bytes = message.getBody().getBytes(StandardCharsets.UTF_8).length;
      if (bytes > settings.maxMessageBytes()) {
        Message withoutBody = new Message(message.getElement().createCopy());
        withoutBody.getElement().elements("body").forEach(Element::detach);
        return Optional.of(StanzaErrors.messageError(withoutBody, new PacketError(PacketError.Condition.not_acceptable,
            PacketError.Type.modify, "The message is too long (" + bytes + " bytes; at most "
                + settings.maxMessageBytes() + "): please split it")));
      }
      if (!recipient.isTransport() && !limits.tryMessage(user)) {
        return reply(stanza, new PacketError(PacketError.Condition.resource_constraint, PacketError.Type.wait,
            "Too many messages: at most " + settings.messagesPerMinute() + " a minute. This one was not sent; "
                + "please send it again in a moment"));
      }
    }
    if (stanza instanceof IQ iq && iq.getType() == IQ.Type.set && Namespaces.REGISTER.equals(namespace(iq))
        && !isRemoval(iq) && !limits.tryRegistration(user)) {
      return reply(stanza, policyViolation("Too many registration attempts: at most "
          + settings.registrationsPerHour() + " an hour. Please try again later"));
    }
    return Optional.empty();
  }

  private static Optional<Packet> reply(Packet stanza, PacketError error) {
    return StanzaErrors.replyTo(stanza, error);
  }

  /** {@code policy-violation} (RFC 6120 §8.3.3.12), which Tinder's condition enum lacks. */
  static PacketError policyViolation(String text) {
    Element error = DocumentHelper.createElement("error");
    error.addAttribute("type", "modify");
    error.addElement(QName.get("policy-violation", STANZAS));
    error.addElement(QName.get("text", STANZAS)).setText(text);
    return new PacketError(error);
  }

  private static String namespace(IQ iq) {
    Element payload = iq.getChildElement();
    return payload == null ? "" : payload.getNamespaceURI();
  }

  /** Whether the sender is an account ({@code node@domain}) rather than a server (a bare domain). */
  private static boolean hasNode(UserAddress user) {
    return user.bareJid().indexOf('@') >= 0;
  }

  /** The domain of a user's bare JID, which the core keeps stringprepped: what follows the {@code @}, if any. */
  private static String domainOf(UserAddress user) {
    String bareJid = user.bareJid();
    return bareJid.substring(bareJid.indexOf('@') + 1);
  }
}
