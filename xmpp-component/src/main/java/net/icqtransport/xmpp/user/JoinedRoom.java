package net.icqtransport.xmpp.user;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;

/**
 * One ICQ chat room a user is in, or joining, as the XMPP side sees it (XEP-0045, issue #18): which of the
 * user's resources joined it and with which nickname each asked for, the other occupants shown, and where the
 * ICQ side stands ({@link State}). The user's nickname in an ICQ room is always the user's own ICQ number
 * ({@link #self()}): OSCAR has no nicknames in rooms, so a different nickname asked for is answered with status
 * code 210 (XEP-0045 §7.2.3) and a later change is refused (§7.6).
 *
 * <p>Held by the user's {@link XmppUser} and changed only on the user's lane; synchronized like it.
 */
public final class JoinedRoom {

  /** Where the room stands on the ICQ side. */
  public enum State {
    /** The join was asked of the gateway; no occupants yet. */
    JOINING,
    /** In the room: the occupants are shown. */
    IN,
    /** The ICQ session was lost; the bridge joins again when it is back. */
    REJOINING
  }

  /** How many of the user's messages may wait for their reflection (XEP-0045 §7.4) at most. */
  static final int MAX_AWAITING_REFLECTION = 32;

  private LegacyRoomId room;
  private final LegacyContactId self;
  private State state = State.JOINING;
  private final Map<String, String> nicks = new LinkedHashMap<>();
  private final Set<LegacyContactId> occupants = new LinkedHashSet<>();
  private final Deque<Sent> awaitingReflection = new ArrayDeque<>();

  private record Sent(String text, String id) {}

  JoinedRoom(LegacyRoomId room, LegacyContactId self) {
    this.room = Objects.requireNonNull(room, "room");
    this.self = Objects.requireNonNull(self, "self");
  }

  /** The room, spelled as the network last named it. */
  public synchronized LegacyRoomId room() {
    return room;
  }

  /** The user's own ICQ number: the user's nickname in the room. */
  public LegacyContactId self() {
    return self;
  }

  public synchronized State state() {
    return state;
  }

  // --- The user's resources in the room ---

  /** A resource joins with the nickname it asked for; false if it was in already. */
  public synchronized boolean addResource(String resource, String askedNick) {
    return nicks.putIfAbsent(resource, askedNick) == null;
  }

  /** A resource left; true if it was in. */
  public synchronized boolean removeResource(String resource) {
    return nicks.remove(resource) != null;
  }

  public synchronized boolean hasResource(String resource) {
    return nicks.containsKey(resource);
  }

  /** The nickname the resource asked for, if it is in. */
  public synchronized Optional<String> askedNick(String resource) {
    return Optional.ofNullable(nicks.get(resource));
  }

  /** Whether {@code nick} is the resource's own in this room: the ICQ number, or the nickname it asked for. */
  public synchronized boolean isOwnNick(String resource, String nick) {
    return self.value().equals(nick) || nick.equals(nicks.get(resource));
  }

  /** The resources in the room, in the order they joined. */
  public synchronized List<String> resources() {
    return List.copyOf(nicks.keySet());
  }

  public synchronized boolean hasNoResources() {
    return nicks.isEmpty();
  }

  // --- The ICQ side ---

  /** The network let the user in (again): these are the other occupants now. */
  public synchronized void entered(LegacyRoomId named, List<LegacyContactId> everyone) {
    room = named;
    state = State.IN;
    occupants.clear();
    everyone.stream().filter(occupant -> !occupant.equals(self)).forEach(occupants::add);
  }

  /** The session was lost; the bridge joins again later. The occupants are no longer shown. */
  public synchronized void rejoining() {
    state = State.REJOINING;
    occupants.clear();
    awaitingReflection.clear();
  }

  /** The other occupants shown. */
  public synchronized List<LegacyContactId> occupants() {
    return List.copyOf(occupants);
  }

  /** Someone else came in; false if shown already (or it is the user). */
  public synchronized boolean occupantJoined(LegacyContactId occupant) {
    return !occupant.equals(self) && occupants.add(occupant);
  }

  /** Someone else left; false if not shown. */
  public synchronized boolean occupantLeft(LegacyContactId occupant) {
    return occupants.remove(occupant);
  }

  // --- Reflections of the user's own messages (XEP-0045 §7.4: the reflection keeps the message's id) ---

  /** The user sent {@code text} with stanza id {@code id}: its reflection should carry that id. */
  public synchronized void awaitReflection(String text, String id) {
    if (id == null) {
      return;
    }
    if (awaitingReflection.size() >= MAX_AWAITING_REFLECTION) {
      awaitingReflection.removeFirst();
    }
    awaitingReflection.addLast(new Sent(text, id));
  }

  /** The id of the oldest message awaiting its reflection with this text (dropping those before it). */
  public synchronized Optional<String> takeReflection(String text) {
    boolean found = awaitingReflection.stream().anyMatch(sent -> sent.text().equals(text));
    if (!found) {
      return Optional.empty();
    }
    for (Iterator<Sent> it = awaitingReflection.iterator(); it.hasNext(); ) {
      Sent sent = it.next();
      it.remove();
      if (sent.text().equals(text)) {
        return Optional.of(sent.id());
      }
    }
    return Optional.empty();
  }
}
