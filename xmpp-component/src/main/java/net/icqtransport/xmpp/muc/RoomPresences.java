package net.icqtransport.xmpp.muc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.handler.AsyncFailures;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.PresenceListener;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.user.JoinedRoom;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.XmppUsers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Presence from a user to a room JID (XEP-0045 §7), on the user's lane.
 *
 * <ul>
 *   <li>Join (§7.2): an available presence to {@code #room@domain/nick}, with or without
 *       {@code <x xmlns='http://jabber.org/protocol/muc'/>}. The first of the user's resources makes the gateway
 *       join the ICQ room; the occupants and the self-presence follow when the bridge reports the user in
 *       ({@link RoomEvents}). Further resources join locally and are shown the room at once. Refusals: no
 *       nickname → {@code jid-malformed} (§7.2.1); not registered → {@code registration-required} (§7.2.7);
 *       not signed on to ICQ → {@code service-unavailable} saying so; ICQ refused the room →
 *       {@code item-not-found}; no rooms on this network → {@code feature-not-implemented}.
 *   <li>The user's nickname is the user's ICQ number (status 210 when another was asked for). A presence to
 *       the room with another nickname than the ICQ number or the one first asked for is a nickname change,
 *       refused with {@code not-acceptable} (§7.6.1): ICQ rooms have no nicknames. With the same nickname it
 *       is a status change (§7.7), answered with the self-presence: ICQ rooms carry no status.
 *   <li>Leave (§7.14): an unavailable presence is answered with the self unavailable presence (status 110);
 *       when the user's last resource in the room left, the gateway leaves the ICQ room.
 *   <li>A resource that goes offline (its unavailable presence to the transport) leaves every room it was in
 *       ({@link #resourceGone}).
 * </ul>
 */
public final class RoomPresences implements PresenceListener {
  private static final Logger LOG = LoggerFactory.getLogger(RoomPresences.class);

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final RoomStanzas stanzas;
  private final RoomEvents events;

  public RoomPresences(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      RoomStanzas stanzas, RoomEvents events) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.stanzas = Objects.requireNonNull(stanzas, "stanzas");
    this.events = Objects.requireNonNull(events, "events");
  }

  @Override
  public void handle(Presence presence, Recipient recipient) {
    UserAddress user = addresses.userOf(presence.getFrom());
    Presence.Type type = presence.getType();
    if (type == null) {
      available(presence, user, recipient.room(), recipient.roomNick());
    } else if (type == Presence.Type.unavailable) {
      unavailable(presence, user, recipient.room(), recipient.roomNick());
    } else {
      LOG.debug("Ignoring presence {} from {} to an ICQ chat room", type, user);
    }
  }

  private void available(Presence presence, UserAddress user, LegacyRoomId room, String nick) {
    if (nick == null) {
      throw new StanzaException(PacketError.Condition.jid_malformed,
          "Join the room with a nickname: " + addresses.roomJid(room) + "/yournick");
    }
    String resource = RoomStanzas.resourceOf(presence.getFrom());
    Optional<JoinedRoom> known = users.find(user).flatMap(state -> state.room(room));
    if (known.isPresent() && known.get().hasResource(resource)) {
      JoinedRoom joined = known.get();
      if (!joined.isOwnNick(resource, nick)) {
        throw new StanzaException(PacketError.Condition.not_acceptable, "ICQ chat rooms cannot change nicknames: "
            + "in an ICQ room you are your ICQ number, " + joined.self().value());
      }
      if (joined.state() == JoinedRoom.State.IN) {
        sender.send(stanzas.self(joined.room(), joined.self(), presence.getFrom(), RoomStanzas.SELF));
      }
      return;
    }
    Registration registration = gateway.registration(user).orElseThrow(() -> new StanzaException(
        PacketError.Condition.registration_required,
        "Register with " + addresses.domain() + " (your ICQ number and password) first"));
    if (known.isPresent()) {
      JoinedRoom joined = known.get();
      joined.addResource(resource, nick);
      if (joined.state() == JoinedRoom.State.IN) {
        events.show(user, joined, resource); // already in on ICQ: joins locally
      }
      return;
    }
    LegacyContactId self = registration.credentials().account();
    JoinedRoom joined = users.of(user).startJoining(room, self);
    joined.addResource(resource, nick);
    CompletableFuture<Void> joining;
    try {
      joining = gateway.joinRoom(user, room);
    } catch (RuntimeException e) {
      joining = CompletableFuture.failedFuture(e);
    }
    joining.whenComplete((ok, failure) -> {
      if (failure != null) {
        users.inOrder(user, () -> joinFailed(user, joined, AsyncFailures.unwrap(failure)));
      }
    });
  }

  /** The ICQ side would not have the user in: every resource waiting for the room gets the error (§7.2). */
  private void joinFailed(UserAddress user, JoinedRoom joined, Throwable failure) {
    Optional<XmppUser> state = users.find(user);
    if (joined.state() != JoinedRoom.State.JOINING || state.isEmpty() || !state.get().forgetRoom(joined)) {
      LOG.debug("Joining the ICQ chat room {} for {} failed after it was left or joined: {}", joined.room().name(),
          user, failure.toString());
      return;
    }
    LOG.info("{} could not join the ICQ chat room {}: {}", user, joined.room().name(), failure.toString());
    PacketError error = joinError(joined.room(), failure);
    for (String resource : joined.resources()) {
      Presence asked = new Presence();
      asked.setFrom(stanzas.resourceJid(user, resource));
      asked.setTo(addresses.occupantJid(joined.room(), joined.askedNick(resource).orElse(joined.self().value())));
      sender.send(StanzaErrors.presenceError(asked, error));
    }
  }

  private static PacketError joinError(LegacyRoomId room, Throwable failure) {
    if (failure instanceof NotLoggedInException) {
      return new PacketError(PacketError.Condition.service_unavailable, PacketError.Type.cancel,
          "You are not signed on to ICQ: go online with the transport, then join the room again");
    }
    if (failure instanceof StoreException) {
      return StanzaErrorMapping.forStoreUnavailable();
    }
    if (failure instanceof UnsupportedOperationException) {
      return new PacketError(PacketError.Condition.feature_not_implemented, PacketError.Type.cancel,
          "This network has no chat rooms");
    }
    String detail = failure.getMessage();
    return new PacketError(PacketError.Condition.item_not_found, PacketError.Type.cancel,
        "ICQ did not let you into the chat room \"" + room.name() + "\""
            + (detail == null || detail.isBlank() ? "" : ": " + detail));
  }

  private void unavailable(Presence presence, UserAddress user, LegacyRoomId room, String nick) {
    String resource = RoomStanzas.resourceOf(presence.getFrom());
    Optional<XmppUser> state = users.find(user);
    Optional<JoinedRoom> known = state.flatMap(u -> u.room(room));
    String shown = known.map(joined -> joined.self().value()).orElse(nick);
    LegacyRoomId named = known.map(JoinedRoom::room).orElse(room);
    if (shown != null) {
      sender.send(stanzas.selfGone(named, shown, presence.getFrom(), null, RoomStanzas.SELF));
    }
    known.ifPresent(joined -> leave(state.get(), joined, resource));
  }

  /**
   * The resource went offline (an unavailable presence to the transport; the empty resource with
   * {@code everyResource}: the server said all are gone): it leaves every room, and the gateway leaves the ICQ
   * rooms none of the user's resources is in any longer. Nothing is sent: the resource is gone.
   */
  public void resourceGone(UserAddress user, String resource, boolean everyResource) {
    users.find(user).ifPresent(state -> {
      for (JoinedRoom joined : state.rooms()) {
        List<String> leaving = everyResource ? joined.resources() : List.of(resource);
        leaving.forEach(gone -> leave(state, joined, gone));
      }
    });
  }

  private void leave(XmppUser state, JoinedRoom joined, String resource) {
    if (joined.removeResource(resource) && joined.hasNoResources() && state.forgetRoom(joined)) {
      LOG.debug("{} left the ICQ chat room {}", state.address(), joined.room().name());
      gateway.leaveRoom(state.address(), joined.room());
    }
  }
}
