package net.icqtransport.xmpp.user;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyPresence;
import org.xmpp.packet.Presence;

/**
 * What the transport shows a user of one available contact (XEP-0100 §5.4): the contact's presence on ICQ (with
 * its away message, which the bridge fetches), the avatar's SHA-1 announced (XEP-0153 §4.1: "" for none, null
 * while it is fetched), and the presence stanza that was sent, without addresses.
 */
public record ShownContact(LegacyPresence legacy, String photo, Presence presence) {
  public ShownContact {
    Objects.requireNonNull(legacy, "legacy");
    Objects.requireNonNull(presence, "presence");
  }
}
