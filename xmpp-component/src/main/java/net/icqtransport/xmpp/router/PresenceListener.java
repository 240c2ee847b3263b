package net.icqtransport.xmpp.router;

import net.icqtransport.xmpp.address.Recipient;
import org.xmpp.packet.Presence;

/** Handles every inbound presence stanza. */
@FunctionalInterface
public interface PresenceListener {

  void handle(Presence presence, Recipient recipient);
}
