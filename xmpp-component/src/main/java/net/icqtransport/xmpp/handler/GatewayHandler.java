package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Contact address translation (XEP-0100 §6.3, {@code jabber:iq:gateway}): a get returns a description and a
 * prompt, in the words of the {@link TransportPresentation} ("Screen name" for an AIM gateway); a set with a UIN or an AIM screen name in {@code <prompt/>} returns the contact's JID ({@code UIN@domain},
 * {@code joeuser@domain} for "Joe User": the normalized screen name).
 */
public final class GatewayHandler implements IqHandler {

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final Function<String, LegacyContactId> contactParser;
  private final TransportPresentation presentation;

  public GatewayHandler(StanzaSender sender, TransportAddresses addresses,
      Function<String, LegacyContactId> contactParser, TransportPresentation presentation) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.contactParser = Objects.requireNonNull(contactParser, "contactParser");
    this.presentation = Objects.requireNonNull(presentation, "presentation");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.GATEWAY);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented, "Ask the transport itself");
    }
    IQ result = IQ.createResultIQ(request);
    Element query = result.setChildElement("query", Namespaces.GATEWAY);
    if (request.getType() == IQ.Type.get) {
      query.addElement("desc").setText(presentation.gatewayDescription());
      query.addElement("prompt").setText(presentation.gatewayPrompt());
    } else {
      String prompt = request.getChildElement().elementTextTrim("prompt");
      if (prompt == null || prompt.isEmpty()) {
        throw new StanzaException(PacketError.Condition.bad_request, "No <prompt/> with an ICQ number or AIM screen name");
      }
      LegacyContactId contact;
      try {
        contact = contactParser.apply(prompt);
      } catch (IllegalArgumentException e) {
        throw new StanzaException(PacketError.Condition.not_acceptable, "'" + prompt
            + "' is neither an ICQ number nor an AIM screen name");
      }
      query.addElement("jid").setText(addresses.contactJid(contact).toBareJID());
    }
    sender.send(result);
  }
}
