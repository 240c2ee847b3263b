package net.icqtransport.xmpp.router;

import java.util.Set;
import net.icqtransport.xmpp.address.Recipient;
import org.xmpp.packet.IQ;

/** Answers IQ get/set requests whose payload is in one of its namespaces. */
public interface IqHandler {

  /** The payload namespaces this handler answers, e.g. {@code jabber:iq:register}. */
  Set<String> namespaces();

  /**
   * Answers a get or set (RFC 6120 §8.2.3): sends exactly one result or error, possibly later. Throws
   * {@link net.icqtransport.xmpp.stanza.StanzaException} to have the router send the error instead.
   */
  void handle(IQ request, Recipient recipient);
}
