package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.disco.ContactFeatures;
import net.icqtransport.xmpp.disco.DiscoInfo;
import net.icqtransport.xmpp.disco.EntityCaps;
import net.icqtransport.xmpp.disco.TransportFeatures;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Service discovery (XEP-0030). The transport says it is an ICQ gateway ({@link TransportFeatures}), contact
 * JIDs that they are clients ({@link ContactFeatures}); the same lists give the XEP-0115 hash that presences
 * carry, and disco#info on {@code node#ver} (XEP-0115 §6.2) answers with them. Other nodes are unknown.
 */
public final class DiscoHandler implements IqHandler {

  private final StanzaSender sender;

  public DiscoHandler(StanzaSender sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (request.getType() != IQ.Type.get) {
      throw new StanzaException(PacketError.Condition.bad_request, "Service discovery is get-only");
    }
    Element query = request.getChildElement();
    String node = query.attributeValue("node");
    IQ result = IQ.createResultIQ(request);
    Element answer = result.setChildElement("query", query.getNamespaceURI());
    DiscoInfo info = recipient.isTransport() ? TransportFeatures.INFO : ContactFeatures.INFO;
    EntityCaps caps = recipient.isTransport() ? EntityCaps.TRANSPORT : EntityCaps.CONTACT;
    if (Namespaces.DISCO_INFO.equals(query.getNamespaceURI())) {
      if (node != null && !node.equals(caps.nodeVer())) {
        throw new StanzaException(PacketError.Condition.item_not_found, "No such node");
      }
      if (node != null) {
        answer.addAttribute("node", node); // XEP-0115 §6.2: the answer names the node asked about
      }
      info.appendTo(answer);
    } else if (node != null) {
      throw new StanzaException(PacketError.Condition.item_not_found, "No such node");
    }
    sender.send(result);
  }
}
