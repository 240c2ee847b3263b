package net.icqtransport.xmpp.muc;

import java.util.Objects;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.router.MessageListener;
import net.icqtransport.xmpp.router.PresenceListener;
import org.xmpp.packet.Presence;

/**
 * Where stanzas to room JIDs ({@code #room@domain}, XEP-0045) go: to the room handlers, every other one to the
 * handler it went to before. An unavailable presence to the transport also takes the resource out of every
 * room (first, so that the gateway leaves the rooms before the bridge signs the user off).
 */
public final class RoomRouting {

  private RoomRouting() {}

  /** Presences: room JIDs to {@code rooms}, the rest to {@code others}. */
  public static PresenceListener presences(RoomPresences rooms, PresenceListener others, TransportAddresses addresses) {
    Objects.requireNonNull(rooms, "rooms");
    Objects.requireNonNull(others, "others");
    Objects.requireNonNull(addresses, "addresses");
    return (presence, recipient) -> {
      if (recipient.isRoom()) {
        rooms.handle(presence, recipient);
        return;
      }
      if (recipient.isTransport() && presence.getType() == Presence.Type.unavailable) {
        String resource = presence.getFrom().getResource();
        rooms.resourceGone(addresses.userOf(presence.getFrom()), resource == null ? "" : resource, resource == null);
      }
      others.handle(presence, recipient);
    };
  }

  /** Messages: room JIDs to {@code rooms}, the rest to {@code others}. */
  public static MessageListener messages(RoomMessages rooms, MessageListener others) {
    Objects.requireNonNull(rooms, "rooms");
    Objects.requireNonNull(others, "others");
    return (message, recipient) -> {
      if (recipient.isRoom()) {
        rooms.handle(message, recipient);
      } else {
        others.handle(message, recipient);
      }
    };
  }
}
