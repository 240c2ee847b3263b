package net.icqtransport.xmpp.address;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;

/**
 * Whom an inbound stanza is for: the transport itself ({@code icq.example.org}), a legacy contact
 * ({@code 100002@icq.example.org}) or an ICQ chat room ({@code #lounge@icq.example.org}, optionally with an
 * occupant's nickname as resource, XEP-0045 §4.1 "occupant JID").
 *
 * @param contact the contact, or null
 * @param room the chat room, or null
 * @param roomNick the resource of a room JID (the occupant's nickname), or null
 */
public record Recipient(LegacyContactId contact, LegacyRoomId room, String roomNick) {

  private static final Recipient TRANSPORT = new Recipient(null, null, null);

  public Recipient {
    if (contact != null && room != null) {
      throw new IllegalArgumentException("a recipient is a contact or a room, not both");
    }
    if (roomNick != null && room == null) {
      throw new IllegalArgumentException("a nickname belongs to a room");
    }
  }

  /** The transport's own domain. */
  public static Recipient transport() {
    return TRANSPORT;
  }

  /** A legacy contact's JID. */
  public static Recipient contact(LegacyContactId contact) {
    return new Recipient(Objects.requireNonNull(contact, "contact"), null, null);
  }

  /** A chat room's JID, bare ({@code nick} null) or an occupant JID. */
  public static Recipient room(LegacyRoomId room, String nick) {
    return new Recipient(null, Objects.requireNonNull(room, "room"), nick == null || nick.isEmpty() ? null : nick);
  }

  public boolean isTransport() {
    return contact == null && room == null;
  }

  /** A chat room's JID (bare or with a nickname). */
  public boolean isRoom() {
    return room != null;
  }
}
