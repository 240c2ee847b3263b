package net.icqtransport.xmpp.endpoint;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.ChatStateMapping;
import net.icqtransport.xmpp.mapping.TransportPresenceMapping;
import net.icqtransport.xmpp.muc.RoomEvents;
import net.icqtransport.xmpp.muc.RoomInvitations;
import net.icqtransport.xmpp.roster.RosterSync;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.WrittenMessages;

/**
 * Tells Jabber users what happens on ICQ, as stanzas to their bare JIDs: messages, chat states (XEP-0085)
 * and presence from contact JIDs (XEP-0100 §5.4-§5.5), authorization requests as subscription requests
 * (RFC 6121 §3.1), the contact list as roster items ({@link RosterSync}), the transport's own presence for
 * the session state (XEP-0100 §4.4), and ICQ chat rooms as XEP-0045 rooms ({@link RoomEvents}) with
 * invitations as XEP-0249 direct invitations ({@link RoomInvitations}).
 *
 * <p>Every call runs on the user's lane ({@link XmppUsers#inOrder}): at once when the bridge calls from that lane
 * (the assembled component shares it with the bridge), else queued there, so the core's calls and the user's
 * own stanzas change the user's {@link XmppUser} one at a time, in order; the stanzas go to the
 * {@link StanzaSender} in that order. Text from ICQ is stripped of characters XML cannot carry. Message bodies
 * are never logged.
 */
public final class XmppUserEndpoint implements UserEndpoint {

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final Gateway gateway;
  private final RosterSync roster;
  private final ContactPresencePublisher contactPresences;
  private final RoomEvents rooms;
  private final RoomInvitations invitations;

  /** Passes ICQ file offers on (XEP-0363 upload + XEP-0066 link); {@code null}: offers are declined. */
  private volatile net.icqtransport.xmpp.filetransfer.FileOfferRelay fileOffers;

  public XmppUserEndpoint(
      StanzaSender sender,
      TransportAddresses addresses,
      XmppUsers users,
      Gateway gateway,
      RosterSync roster,
      ContactPresencePublisher contactPresences,
      RoomEvents rooms,
      RoomInvitations invitations) {
    this.rooms = Objects.requireNonNull(rooms, "rooms");
    this.invitations = Objects.requireNonNull(invitations, "invitations");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.roster = Objects.requireNonNull(roster, "roster");
    this.contactPresences = Objects.requireNonNull(contactPresences, "contactPresences");
  }

  /**
   * A chat message from the contact; XEP-0203 {@code <delay/>} when it was stored offline or kept. The future
   * completes when the stanza was written to the server's socket (so ICQ may then delete a stored message),
   * and fails if the component stops before. Its id is remembered in {@link WrittenMessages}, with its
   * original time (the stamp, or now), so that {@link MessageBounces} can keep it again if the user's server
   * bounces it.
   */
  @Override
  public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    users.inOrder(user, () -> write(user, from, text, sentAt).whenComplete((ok, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(ok);
      }
    }));
    return result;
  }

  private CompletableFuture<Void> write(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    WrittenMessages written = users.of(user).written();
    String id = written.remember(from, text, sentAt);
    Message message = new Message();
    message.setID(id);
    message.setType(Message.Type.chat);
    message.setFrom(addresses.contactJid(from));
    message.setTo(addresses.userJid(user));
    message.setBody(XmlText.sanitize(text));
    if (sentAt != null) {
      Element delay = message.addChildElement("delay", Namespaces.DELAY);
      delay.addAttribute("from", addresses.domain().toString());
      delay.addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(sentAt.truncatedTo(ChronoUnit.MILLIS)));
    }
    CompletableFuture<Void> confirmed = sender.sendConfirmed(message);
    confirmed.whenComplete((ok, failure) -> {
      if (failure != null) {
        written.forget(id); // never written, so never bounced: the bridge keeps it itself
      }
    });
    return confirmed;
  }

  @Override
  public void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence legacy) {
    users.inOrder(user, () -> contactPresences.changed(user, contact, legacy));
  }

  @Override
  public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
    users.inOrder(user, () -> roster.contactListReceived(user, contacts));
  }

  @Override
  public void contactUpdated(UserAddress user, LegacyContact contact) {
    users.inOrder(user, () -> roster.contactUpdated(user, contact));
  }

  @Override
  public void contactRemoved(UserAddress user, LegacyContactId contact) {
    users.inOrder(user, () -> roster.contactRemoved(user, contact));
  }

  /** XEP-0085 §5: a body-less chat message carrying only the chat state. */
  @Override
  public void typingChanged(UserAddress user, LegacyContactId contact, TypingState state) {
    users.inOrder(user, () -> typing(user, contact, state));
  }

  private void typing(UserAddress user, LegacyContactId contact, TypingState state) {
    Message message = new Message();
    message.setType(Message.Type.chat);
    message.setFrom(addresses.contactJid(contact));
    message.setTo(addresses.userJid(user));
    message.addChildElement(ChatStateMapping.toChatState(state), Namespaces.CHAT_STATES);
    sender.send(message);
  }

  /**
   * RFC 6121 §3.1.3: the contact's request is a {@code subscribe} from its JID with the request text as
   * status and its nickname (XEP-0172 §4.2); the user's answer goes back as an ICQ authorization reply.
   */
  @Override
  public void authorizationRequested(UserAddress user, LegacyContactId contact, String reason) {
    users.inOrder(user, () -> askUser(user, contact, reason));
  }

  private void askUser(UserAddress user, LegacyContactId contact, String reason) {
    users.of(user).contactAsked(contact);
    Presence subscribe = presence(Presence.Type.subscribe, contact, user);
    if (reason != null && !reason.isBlank()) {
      subscribe.setStatus(XmlText.sanitize(reason));
    }
    subscribe.addChildElement("nick", Namespaces.NICK).setText(XmlText.sanitize(nicknameOf(user, contact)));
    sender.send(subscribe);
  }

  /** The answer to the user's request (XEP-0100 §5.1): {@code subscribed} with the presence, or {@code unsubscribed}. */
  @Override
  public void authorizationAnswered(UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    users.inOrder(user, () -> answered(user, contact, granted, reason));
  }

  private void answered(UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    XmppUser state = users.of(user);
    state.takeUserRequest(contact);
    if (granted) {
      sender.send(presence(Presence.Type.subscribed, contact, user));
      state.contactPresence(contact).ifPresent(current -> {
        current.setFrom(addresses.contactJid(contact));
        current.setTo(addresses.userJid(user));
        sender.send(current);
      });
    } else {
      Presence refused = presence(Presence.Type.unsubscribed, contact, user);
      refused.setStatus(reason == null || reason.isBlank()
          ? "The ICQ contact did not authorize you." : XmlText.sanitize(reason));
      sender.send(refused);
    }
  }

  /** An ICQ chat room invitation: an XEP-0249 direct invitation from the contact ({@link RoomInvitations}). */
  @Override
  public void roomInvitation(UserAddress user, LegacyContactId from, LegacyRoomId room, String text) {
    users.inOrder(user, () -> invitations.invited(user, from, room, text));
  }

  /** XEP-0045 §7.2.3: the occupants, then the self-presence ({@link RoomEvents}). */
  @Override
  public void roomJoined(UserAddress user, LegacyRoomId room, List<LegacyContactId> occupants) {
    users.inOrder(user, () -> rooms.joined(user, room, occupants));
  }

  @Override
  public void roomOccupantJoined(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {
    users.inOrder(user, () -> rooms.occupantJoined(user, room, occupant));
  }

  @Override
  public void roomOccupantLeft(UserAddress user, LegacyRoomId room, LegacyContactId occupant) {
    users.inOrder(user, () -> rooms.occupantLeft(user, room, occupant));
  }

  /** XEP-0045 §7.4: to every resource of the user in the room, the user's own message included. */
  @Override
  public void roomMessage(UserAddress user, LegacyRoomId room, LegacyContactId from, String text) {
    users.inOrder(user, () -> rooms.message(user, room, from, text));
  }

  /** XEP-0045 §7.14: the self unavailable presence (with 332 while the bridge joins again). */
  @Override
  public void roomLeft(UserAddress user, LegacyRoomId room, String reason, boolean rejoining) {
    users.inOrder(user, () -> rooms.left(user, room, reason, rejoining));
  }

  /** A note from the transport: ICQ tells the user, the contact needs no answer. */
  @Override
  public void addedByContact(UserAddress user, LegacyContactId contact) {
    users.inOrder(user, () -> addedBy(user, contact));
  }

  private void addedBy(UserAddress user, LegacyContactId contact) {
    Message message = new Message();
    message.setType(Message.Type.normal);
    message.setFrom(addresses.domain());
    message.setTo(addresses.userJid(user));
    message.setBody("ICQ user " + contact.value() + " (" + addresses.contactJid(contact).toBareJID()
        + ") added you to their contact list.");
    sender.send(message);
  }

  /**
   * The transport's own presence shows the state; when the session is not up, every contact shown as
   * available goes unavailable (XEP-0100 §4.5) so the roster does not show stale presence.
   */
  @Override
  public void sessionStateChanged(UserAddress user, SessionState state, String detail) {
    users.inOrder(user, () -> showState(user, state, detail));
  }

  /** Shows the state as the transport's presence; a user without an object (e.g. unregistered) gets none made. */
  private void showState(UserAddress user, SessionState state, String detail) {
    Presence presence = TransportPresenceMapping.toPresence(state, XmlText.sanitize(detail));
    Optional<XmppUser> known = presence.getType() == Presence.Type.unavailable ? users.find(user)
        : Optional.of(users.of(user));
    known.ifPresent(u -> u.setTransportPresence(presence));
    JID userJid = addresses.userJid(user);
    if (state != SessionState.ONLINE && state != SessionState.LOGGING_IN) {
      for (LegacyContactId contact : known.map(XmppUser::clearContacts).orElse(Set.of())) {
        sender.send(presence(Presence.Type.unavailable, contact, user));
      }
    }
    presence.setFrom(addresses.domain());
    presence.setTo(userJid);
    sender.send(presence);
  }

  /**
   * Shows every user again what the transport last showed them: its own presence and its contacts'. After a
   * (re)connection to a server that restarted, the server has forgotten them, and a client that came back
   * while the component was away had its probes bounced (RFC 6121 §4.3: presence to the contact is the
   * answer a probe would have got).
   */
  public void reannounce() {
    for (XmppUser user : users.all()) {
      users.inOrder(user.address(), () -> reannounce(user));
    }
  }

  private void reannounce(XmppUser user) {
    JID to = addresses.userJid(user.address());
    user.transportPresence().ifPresent(presence -> {
      presence.setFrom(addresses.domain());
      presence.setTo(to);
      sender.send(presence);
    });
    for (LegacyContactId contact : user.contactsShownAvailable()) {
      user.contactPresence(contact).ifPresent(presence -> {
        presence.setFrom(addresses.contactJid(contact));
        presence.setTo(to);
        sender.send(presence);
      });
    }
  }

  /**
   * Sends unavailable from the transport (and from every contact shown) to every user it shows as available,
   * at a stop. Runs on the calling thread, after the gateway signed everyone off: nothing else changes the
   * users then, and the stop must have sent these before it closes the stream.
   */
  public void signOffEveryone() {
    for (XmppUser user : users.all()) {
      if (user.transportPresence().isPresent()) {
        showState(user.address(), SessionState.OFFLINE, "The transport is shutting down");
      }
    }
  }

  private String nicknameOf(UserAddress user, LegacyContactId contact) {
    return gateway.contacts(user).stream()
        .filter(c -> c.id().equals(contact))
        .map(LegacyContact::nickname)
        .findFirst()
        .orElse(contact.value());
  }

  private Presence presence(Presence.Type type, LegacyContactId from, UserAddress to) {
    Presence presence = new Presence(type);
    presence.setFrom(addresses.contactJid(from));
    presence.setTo(addresses.userJid(to));
    return presence;
  }

  /** Turns passing ICQ file offers on; call before the gateway starts. */
  public void fileTransfers(net.icqtransport.xmpp.filetransfer.FileOfferRelay relay) {
    this.fileOffers = relay;
  }

  @Override
  public void fileOffered(UserAddress user, LegacyContactId from, net.icqtransport.core.legacy.LegacyFileOffer offer) {
    net.icqtransport.xmpp.filetransfer.FileOfferRelay relay = fileOffers;
    if (relay == null) {
      offer.decline();
    } else {
      relay.offered(user, from, offer);
    }
  }
}
