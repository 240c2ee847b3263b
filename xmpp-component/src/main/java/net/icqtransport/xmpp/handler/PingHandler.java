package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import net.icqtransport.core.bridge.Administration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;

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
 * <p>A contact counts as online when the user's {@link XmppUser} shows it available to the user: that is the
 * presence the user's client sees, and the book forgets every contact when the session goes down.
 */
public final class PingHandler implements IqHandler {

  private final StanzaSender sender;
  private final Administration gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;

  public PingHandler(StanzaSender sender, Administration gateway, TransportAddresses addresses, XmppUsers users) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
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
    if (recipient.isRoom()) {
      selfPing(request, recipient, user);
      return;
    }
    if (users.find(user).map(state -> state.isContactShownAvailable(recipient.contact())).orElse(false)) {
      sender.send(IQ.createResultIQ(request));
    } else if (!gateway.onlineUsers().contains(user)) {
      sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forNotLoggedIn()));
    } else {
      sender.send(StanzaErrors.iqError(request, StanzaErrorMapping.forContactOffline()));
    }
  }

  /**
   * XEP-0410 §3.3: a client pings its own occupant JID to learn whether it is still in the room: a result
   * when the sending resource is in the room (ICQ-wise too) under that nickname, else {@code not-acceptable}.
   * The bare room JID answers for the room.
   */
  private void selfPing(IQ request, Recipient recipient, UserAddress user) {
    String resource = request.getFrom().getResource() == null ? "" : request.getFrom().getResource();
    boolean joined = recipient.roomNick() == null || users.find(user).flatMap(state -> state.room(recipient.room()))
        .filter(room -> room.state() == net.icqtransport.xmpp.user.JoinedRoom.State.IN)
        .filter(room -> room.hasResource(resource) && room.isOwnNick(resource, recipient.roomNick()))
        .isPresent();
    sender.send(joined ? IQ.createResultIQ(request) : StanzaErrors.iqError(request, new PacketError(
        PacketError.Condition.not_acceptable, PacketError.Type.cancel, "You are not in this ICQ chat room")));
  }
}
