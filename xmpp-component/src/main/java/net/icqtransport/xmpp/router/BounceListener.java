package net.icqtransport.xmpp.router;

import org.xmpp.packet.Message;

/**
 * Handles every inbound message stanza of type {@code error}: a server returning a message the transport sent
 * (RFC 6120 §8.3). Such a stanza is never answered (RFC 6120 §8.3.1) and never reaches the
 * {@link MessageListener}, which would take its echoed body for a new message.
 */
@FunctionalInterface
public interface BounceListener {

  void bounced(Message error);
}
