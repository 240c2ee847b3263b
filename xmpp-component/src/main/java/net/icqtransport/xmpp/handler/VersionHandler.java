package net.icqtransport.xmpp.handler;

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

/** Software version of the transport (XEP-0092); contacts' versions are unknown. */
public final class VersionHandler implements IqHandler {

  private final StanzaSender sender;
  private final String version;

  public VersionHandler(StanzaSender sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
    String packaged = VersionHandler.class.getPackage().getImplementationVersion();
    this.version = packaged == null ? "development" : packaged;
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.VERSION);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (request.getType() != IQ.Type.get) {
      throw new StanzaException(PacketError.Condition.bad_request, "Software version is get-only");
    }
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.service_unavailable, "ICQ contacts' software is unknown");
    }
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.VERSION);
    query.addElement("name").setText("ICQ Transport");
    query.addElement("version").setText(version);
    sender.send(result);
  }
}
