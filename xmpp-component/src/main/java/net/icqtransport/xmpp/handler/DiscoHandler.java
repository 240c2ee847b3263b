package net.icqtransport.xmpp.handler;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Service discovery (XEP-0030). The transport says it is an ICQ gateway (identity {@code gateway/icq},
 * XEP-0100 §3 and the registry of disco categories) that supports registration; contact JIDs say they are
 * clients. No node is supported, and there are no items.
 */
public final class DiscoHandler implements IqHandler {

  /** The transport's features, in the order they are listed. */
  public static final List<String> TRANSPORT_FEATURES = List.of(
      Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.REGISTER, Namespaces.GATEWAY,
      Namespaces.VERSION, Namespaces.PING);

  /** A contact's features: XEP-0085 chat states and XEP-0184 receipts are bridged to ICQ. */
  private static final List<String> CONTACT_FEATURES = List.of(Namespaces.DISCO_INFO, Namespaces.CHAT_STATES, Namespaces.RECEIPTS);

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
    if (query.attributeValue("node") != null) {
      throw new StanzaException(PacketError.Condition.item_not_found, "No such node");
    }
    IQ result = IQ.createResultIQ(request);
    Element answer = result.setChildElement("query", query.getNamespaceURI());
    if (Namespaces.DISCO_INFO.equals(query.getNamespaceURI())) {
      if (recipient.isTransport()) {
        identity(answer, "gateway", "icq", "ICQ Transport");
        TRANSPORT_FEATURES.forEach(feature -> answer.addElement("feature").addAttribute("var", feature));
      } else {
        identity(answer, "client", "pc", "ICQ contact " + recipient.contact().value());
        CONTACT_FEATURES.forEach(feature -> answer.addElement("feature").addAttribute("var", feature));
      }
    }
    sender.send(result);
  }

  private static void identity(Element query, String category, String type, String name) {
    query.addElement("identity")
        .addAttribute("category", category)
        .addAttribute("type", type)
        .addAttribute("name", name);
  }
}
