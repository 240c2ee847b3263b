package net.icqtransport.xmpp.router;

import net.icqtransport.xmpp.address.Recipient;
import org.xmpp.packet.Message;

/** Handles every inbound message stanza. */
@FunctionalInterface
public interface MessageListener {

  void handle(Message message, Recipient recipient);
}
