package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** XMPP Ping (XEP-0199 §4.2): servers ping components to check they are alive; answered with an empty result. */
public final class PingHandler implements IqHandler {

  private final StanzaSender sender;

  public PingHandler(StanzaSender sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
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
    sender.send(IQ.createResultIQ(request));
  }
}
