package net.icqtransport.xmpp.disco;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * Puts XEP-0115 {@code <c/>} into every available presence the component sends (§4: "each presence"):
 * the transport's ({@link EntityCaps#transport}) from the domain, {@link EntityCaps#CONTACT} from a contact JID. Doing it at
 * the one way out, as Smack's EntityCapsManager does with a presence interceptor, means no code that builds
 * a presence (session state, contact status, probe answers) has to remember it. Presences that already carry
 * a {@code <c/>} and unavailable ones (§4 asks for it in available presence only) pass unchanged.
 */
public final class EntityCapsStamper implements StanzaSender {

  private final StanzaSender next;
  private final String domain;
  private final EntityCaps transport;

  /** For an ICQ gateway (the default presentation). */
  public EntityCapsStamper(StanzaSender next, String domain) {
    this(next, domain, TransportPresentation.ICQ);
  }

  public EntityCapsStamper(StanzaSender next, String domain, TransportPresentation presentation) {
    this.next = Objects.requireNonNull(next, "next");
    this.domain = Objects.requireNonNull(domain, "domain");
    this.transport = EntityCaps.transport(Objects.requireNonNull(presentation, "presentation"));
  }

  @Override
  public void send(Packet packet) {
    next.send(packet instanceof Presence presence ? stamped(presence) : packet);
  }

  /** Stamps like {@link #send} and passes the write confirmation of the sender behind through. */
  @Override
  public CompletableFuture<Void> sendConfirmed(Packet packet) {
    return next.sendConfirmed(packet instanceof Presence presence ? stamped(presence) : packet);
  }

  private Presence stamped(Presence presence) {
    JID from = presence.getFrom();
    if (presence.getType() != null || from == null || !domain.equals(from.getDomain())
        || presence.getChildElement("c", Namespaces.CAPS) != null) {
      return presence;
    }
    Presence copy = presence.createCopy(); // the caller may keep and resend its instance
    (from.getNode() == null ? transport : EntityCaps.CONTACT).addTo(copy);
    return copy;
  }
}
