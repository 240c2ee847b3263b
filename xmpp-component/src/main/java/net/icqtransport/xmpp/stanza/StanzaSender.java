package net.icqtransport.xmpp.stanza;

import org.xmpp.packet.Packet;

/**
 * Where handlers and the user endpoint put outbound stanzas. Implementations are thread-safe, never block
 * for long, never drop a stanza, and send stanzas in the order they were given.
 */
@FunctionalInterface
public interface StanzaSender {

  void send(Packet packet);
}
