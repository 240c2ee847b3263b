package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.state.PresenceBook;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * XMPP Ping (XEP-0199).
 *
 * <ul>
 *   <li>To the transport (§4.2, servers ping components to check they are alive): always an empty result.
 *   <li>To a contact JID (§4.3, pinging through the gateway): a result while the user's ICQ session is up and
 *       the contact is shown available; {@code service-unavailable} when the user is not logged in, and
 *       {@code recipient-unavailable} when the contact is offline (see {@link StanzaErrorMapping}).
 * </ul>
 *
 * <p>A contact counts as online when the {@link PresenceBook} shows it available to the user: that is the
 * presence the user's client sees, and the book forgets every contact when the session goes down.
 */
public final class PingHandler implements IqHandler {

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final PresenceBook presences;

  public PingHandler(StanzaSender sender, Gateway gateway, TransportAddresses addresses, PresenceBook presences) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.presences = Objects.requireNonNull(presences, "presences");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.PING);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (request.getType() != IQ.Type.get) {
      throw new StanzaException(PacketError.Condition.bad_request, "Ping is get-only");
    }
    if (recipient.isTransport()) {
      sender.send(IQ.createResultIQ(request));
      return;
    }
    UserAddress user = addresses.userOf(request.getFrom());
    if (presences.contactPresence(user, recipient.contact()).isPresent()) {
      sender.send(IQ.createResultIQ(request));
    } else if (!gateway.onlineUsers().contains(user)) {
      sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forNotLoggedIn()));
    } else {
      sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forContactOffline()));
    }
  }
}
