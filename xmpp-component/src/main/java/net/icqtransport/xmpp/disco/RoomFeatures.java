package net.icqtransport.xmpp.disco;

import java.util.List;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.xmpp.stanza.Namespaces;

/**
 * What an ICQ chat room's JID is (XEP-0045 §6.4): a text conference named after the room, with the room
 * features that hold for every ICQ user room: temporary (it vanishes with its last occupant), open (anyone who
 * knows the name may enter), unmoderated, non-anonymous (occupants see each other's ICQ numbers), without
 * password, and hidden (the rooms of an exchange cannot be listed).
 */
public final class RoomFeatures {

  private static final List<String> FEATURES = List.of(
      Namespaces.DISCO_INFO, Namespaces.MUC, "muc_temporary", "muc_open", "muc_unmoderated", "muc_nonanonymous",
      "muc_unsecured", "muc_hidden");

  private RoomFeatures() {}

  /** The room's identity and features. */
  public static DiscoInfo info(LegacyRoomId room) {
    return new DiscoInfo(List.of(Identity.of("conference", "text", room.name())), FEATURES);
  }
}
