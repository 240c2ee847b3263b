package net.icqtransport.xmpp.muc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import net.icqtransport.xmpp.user.JoinedRoom;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.XmppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;

/**
 * What the bridge reports of a user's ICQ chat rooms, as stanzas from the room to every resource of the user in
 * it (XEP-0045). Called on the user's lane (the endpoint's {@code inOrder}).
 *
 * <ul>
 *   <li>In the room (§7.2.3): each other occupant's presence, then the self-presence with status codes 100
 *       (non-anonymous), 110 (self) and 210 when the nickname asked for is not the user's ICQ number, then the
 *       empty subject (§7.2.15), which ends the join. The same after a reconnect.
 *   <li>Occupants coming and going (§7.2.3, §7.14); messages (§7.4) from the sender's occupant JID, the user's
 *       own reflected with the id the user's message had.
 *   <li>Out of the room (§7.14): the self unavailable presence with status 110; when the bridge joins again
 *       after a reconnect also 332 (removed by a system shutdown) and a short status text, and the room is
 *       kept so the same resources see it again; otherwise it is forgotten.
 * </ul>
 */
public final class RoomEvents {
  private static final Logger LOG = LoggerFactory.getLogger(RoomEvents.class);

  private final StanzaSender sender;
  private final XmppUsers users;
  private final RoomStanzas stanzas;

  public RoomEvents(StanzaSender sender, XmppUsers users, RoomStanzas stanzas) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.users = Objects.requireNonNull(users, "users");
    this.stanzas = Objects.requireNonNull(stanzas, "stanzas");
  }

  /** The user is in the room (joined, or joined again after a reconnect). */
  public void joined(UserAddress user, LegacyRoomId room, List<LegacyContactId> occupants) {
    Optional<JoinedRoom> known = roomOf(user, room);
    if (known.isEmpty()) {
      LOG.info("{} is in the ICQ chat room {}, which none of their resources joined", user, room.name());
      return;
    }
    JoinedRoom joined = known.get();
    joined.entered(room, occupants);
    for (String resource : joined.resources()) {
      show(user, joined, resource);
    }
  }

  /**
   * Shows the room to one resource as a join does (§7.2.3): the other occupants, the self-presence, the empty
   * subject.
   */
  public void show(UserAddress user, JoinedRoom joined, String resource) {
    JID to = stanzas.resourceJid(user, resource);
    LegacyRoomId room = joined.room();
    for (LegacyContactId occupant : joined.occupants()) {
      sender.send(stanzas.occupant(room, occupant, to));
    }
    boolean assigned = !joined.askedNick(resource).orElse("").equals(joined.self().value());
    sender.send(assigned
        ? stanzas.self(room, joined.self(), to, RoomStanzas.NON_ANONYMOUS, RoomStanzas.SELF, RoomStanzas.NICK_ASSIGNED)
        : stanzas.self(room, joined.self(), to, RoomStanzas.NON_ANONYMOUS, RoomStanzas.SELF));
    sender.send(stanzas.emptySubject(room, to));
  }

  public void occupantJoined(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {
    roomOf(user, room).filter(joined -> joined.state() == JoinedRoom.State.IN)
        .filter(joined -> joined.occupantJoined(occupant))
        .ifPresent(joined -> joined.resources().forEach(resource ->
            sender.send(stanzas.occupant(joined.room(), occupant, stanzas.resourceJid(user, resource)))));
  }

  public void occupantLeft(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {
    roomOf(user, room).filter(joined -> joined.occupantLeft(occupant))
        .ifPresent(joined -> joined.resources().forEach(resource ->
            sender.send(stanzas.occupantGone(joined.room(), occupant, stanzas.resourceJid(user, resource)))));
  }

  /** A message in the room; the user's own (from the user's ICQ number) keeps the id it was sent with. */
  public void message(UserAddress user, LegacyRoomId room, LegacyContactId from, String text) {
    Optional<JoinedRoom> known = roomOf(user, room);
    if (known.isEmpty() || known.get().hasNoResources()) {
      LOG.debug("Dropping a message in the ICQ chat room {} for {}: no resource of theirs is in it", room.name(), user);
      return;
    }
    JoinedRoom joined = known.get();
    String body = XmlText.sanitize(text);
    String id = from.equals(joined.self()) ? joined.takeReflection(text).orElse(null) : null;
    for (String resource : joined.resources()) {
      sender.send(stanzas.groupchat(joined.room(), from, stanzas.resourceJid(user, resource), body, id));
    }
  }

  /** The user is out of the room: for good, or until the bridge has joined again ({@code rejoining}). */
  public void left(UserAddress user, LegacyRoomId room, String reason, boolean rejoining) {
    Optional<XmppUser> state = users.find(user);
    Optional<JoinedRoom> known = state.flatMap(u -> u.room(room));
    if (known.isEmpty()) {
      return; // the user left it first (their unavailable presence), and was told then
    }
    JoinedRoom joined = known.get();
    String why = reason == null || reason.isBlank() ? null : XmlText.sanitize(reason.strip());
    String text;
    if (rejoining) {
      joined.rejoining();
      text = "The connection to ICQ was lost" + (why == null ? "" : " (" + why + ")")
          + "; the transport joins the room again when it is back";
    } else {
      state.get().forgetRoom(joined);
      text = why == null ? "You are no longer in the ICQ chat room" : "You are no longer in the ICQ chat room: " + why;
    }
    for (String resource : joined.resources()) {
      JID to = stanzas.resourceJid(user, resource);
      sender.send(rejoining
          ? stanzas.selfGone(joined.room(), joined.self().value(), to, text, RoomStanzas.SELF, RoomStanzas.SYSTEM_SHUTDOWN)
          : stanzas.selfGone(joined.room(), joined.self().value(), to, text, RoomStanzas.SELF));
    }
  }

  private Optional<JoinedRoom> roomOf(UserAddress user, LegacyRoomId room) {
    return users.find(user).flatMap(state -> state.room(room));
  }
}
