package net.icqtransport.xmpp.user;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.registration.ContactSyncStore;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import org.xmpp.packet.Presence;
import net.icqtransport.core.dispatch.KeyedSequentialExecutor;

/**
 * Everything the XMPP side knows of one user while the transport runs, in one place: the user's resources with
 * the presence each sent, what the transport shows the user (its own presence and each contact's), where the
 * transport's presence subscription to the user stands, the user's preferences (status message, invisibility,
 * XEP-0050 commands), authorization requests open both ways, the last take-over probe, the messages written to
 * the user recently ({@link WrittenMessages}, to match bounces), the ICQ chat rooms the user's resources are in
 * ({@link JoinedRoom}, XEP-0045), and which contacts are in the user's roster
 * (the roster sync's progress: durable, in the {@link ContactSyncStore}, so a contact the user removed is not
 * pushed back after a restart). The rest is in memory: after a restart the core reports everything again, and
 * the user's client sends its presence again.
 *
 * <p>Made and dropped only by {@link XmppUsers}. Every change runs on the user's lane (the
 * {@code KeyedSequentialExecutor} lane keyed by the user's bare JID, which also runs the user's stanzas and
 * bridge), so each ordering question, such as a {@code unsubscribed} arriving while the transport's request is
 * pending, is decided on this one object, one event at a time. The methods are synchronized anyway, so the
 * few reads from elsewhere (a stop showing everyone the transport offline) see a consistent state.
 *
 * <p>Presences are stored without addresses and handed out as copies.
 */
public final class XmppUser {
  private final UserAddress address;
  private final Map<String, ResourcePresence> resources = new LinkedHashMap<>();
  private Presence transportPresence;
  private final Map<LegacyContactId, ShownContact> contactPresences = new LinkedHashMap<>();
  private TransportSubscription subscription = TransportSubscription.UNKNOWN;
  private boolean subscriptionAsked;
  private String statusMessage;
  private boolean invisible;
  private final Set<LegacyContactId> contactsAsking = new HashSet<>();
  private final Set<LegacyContactId> contactsAsked = new HashSet<>();
  private Instant lastTakeOverProbe;
  /** Contacts being removed from the ICQ list, so the {@code unsubscribe} + {@code unsubscribed} of one roster removal remove once. */
  private final Set<LegacyContactId> removing = new HashSet<>();
  private final WrittenMessages written;
  private final ContactSyncStore roster;
  /** The chat rooms the user's resources are in or joining, by room (names compare case-insensitively). */
  private final Map<LegacyRoomId, JoinedRoom> rooms = new LinkedHashMap<>();

  XmppUser(UserAddress address, WrittenMessages written, ContactSyncStore roster) {
    this.address = Objects.requireNonNull(address, "address");
    this.written = Objects.requireNonNull(written, "written");
    this.roster = Objects.requireNonNull(roster, "roster");
  }

  public UserAddress address() {
    return address;
  }

  // --- Resources (XEP-0100 §4.4-4.5) ---

  /** A resource sent an available presence. */
  public synchronized void resourceAvailable(ResourcePresence presence) {
    resources.put(presence.resource(), presence);
  }

  /** A resource went offline; true if it was known. */
  public synchronized boolean resourceUnavailable(String resource) {
    return resources.remove(resource) != null;
  }

  /** Forgets and returns every resource (the server said the user is gone, RFC 6121 §4.5.3.2). */
  public synchronized Set<String> removeAllResources() {
    Set<String> gone = Set.copyOf(resources.keySet());
    resources.clear();
    return gone;
  }

  /** The available resources' presences, in the order they became available. */
  public synchronized List<ResourcePresence> resources() {
    return List.copyOf(resources.values());
  }

  // --- What the transport shows the user ---

  /** Records the transport's presence to the user; an unavailable one clears it. */
  public synchronized void setTransportPresence(Presence presence) {
    transportPresence = presence.getType() == Presence.Type.unavailable ? null : strip(presence);
  }

  /** The transport's presence to the user, if it shows as available. */
  public synchronized Optional<Presence> transportPresence() {
    return Optional.ofNullable(transportPresence).map(Presence::createCopy);
  }

  /** Shows the contact as available: what was sent and what it was made of. */
  public synchronized void showContact(LegacyContactId contact, ShownContact shown) {
    contactPresences.put(contact, new ShownContact(shown.legacy(), shown.photo(), strip(shown.presence())));
  }

  /** The contact is no longer shown as available (offline on ICQ, or gone from the roster). */
  public synchronized void contactGone(LegacyContactId contact) {
    contactPresences.remove(contact);
  }

  /** What is shown of the contact, if it is shown as available (its presence is a copy). */
  public synchronized Optional<ShownContact> shownContact(LegacyContactId contact) {
    ShownContact shown = contactPresences.get(contact);
    return shown == null ? Optional.empty()
        : Optional.of(new ShownContact(shown.legacy(), shown.photo(), shown.presence().createCopy()));
  }

  /** A contact's presence to the user, if available (a copy without addresses). */
  public synchronized Optional<Presence> contactPresence(LegacyContactId contact) {
    return Optional.ofNullable(contactPresences.get(contact)).map(shown -> shown.presence().createCopy());
  }

  /** Whether the contact is shown as available; no copy, for use per message. */
  public synchronized boolean isContactShownAvailable(LegacyContactId contact) {
    return contactPresences.containsKey(contact);
  }

  /** The contacts shown as available. */
  public synchronized Set<LegacyContactId> contactsShownAvailable() {
    return Set.copyOf(contactPresences.keySet());
  }

  /** Forgets and returns the contacts shown as available (to send them unavailable). */
  public synchronized Set<LegacyContactId> clearContacts() {
    Set<LegacyContactId> shown = Set.copyOf(contactPresences.keySet());
    contactPresences.clear();
    return shown;
  }

  // --- The transport's subscription to the user (RFC 6121 §3) ---

  /** Where the transport's subscription stands. */
  public synchronized TransportSubscription subscription() {
    return subscription;
  }

  /** The transport asks for the subscription now (it sends {@code subscribe}): the request is pending. */
  public synchronized void subscriptionRequested() {
    subscriptionAsked = true;
    subscription = TransportSubscription.PENDING;
  }

  /**
   * The user asked to subscribe to the transport: true, once per run, if the transport should ask back (then
   * the request is pending); false when it already asked during this run.
   */
  public synchronized boolean askBackOnce() {
    if (subscriptionAsked) {
      return false;
    }
    subscriptionRequested();
    return true;
  }

  /** The user granted the subscription: {@code subscribed}, or an available presence, which needs one. */
  public synchronized void subscriptionGranted() {
    subscription = TransportSubscription.GRANTED;
  }

  /**
   * An {@code unsubscribed} from the user arrived: true, once, if the transport's request was pending. Then it
   * was most likely the user's server answering a probe on the user's behalf (RFC 6121 §4.3.2), which cancels
   * the request; the user never chose it, so the transport asks once more. Otherwise it is the user's refusal.
   */
  public synchronized boolean askAgainAfterUnsubscribed() {
    if (subscription == TransportSubscription.PENDING) {
      subscription = TransportSubscription.ASKED_AGAIN;
      return true;
    }
    subscription = TransportSubscription.REFUSED;
    return false;
  }

  /**
   * Whether the transport may probe the user: not while its request is pending (the server would answer
   * {@code unsubscribed} for the user and cancel it) nor after the user refused.
   */
  public synchronized boolean mayProbe() {
    return subscription == TransportSubscription.UNKNOWN || subscription == TransportSubscription.GRANTED;
  }

  // --- Preferences (XEP-0050 commands) ---

  /** The status message that replaces the client's, if the user set one. */
  public synchronized Optional<String> statusMessage() {
    return Optional.ofNullable(statusMessage);
  }

  /** Sets the status message override; null or blank removes it. */
  public synchronized void setStatusMessage(String text) {
    statusMessage = text == null || text.isBlank() ? null : text;
  }

  public synchronized boolean isInvisible() {
    return invisible;
  }

  public synchronized void setInvisible(boolean invisible) {
    this.invisible = invisible;
  }

  /** The legacy status to use for what the client asked: INVISIBLE while the user chose to be. */
  public synchronized LegacyStatus effectiveStatus(LegacyStatus requested) {
    return requested.isAvailable() && invisible ? LegacyStatus.INVISIBLE : requested;
  }

  /** The status text to use for what the client sent: the user's override if set. */
  public synchronized String effectiveStatusText(String requested) {
    return statusMessage != null ? statusMessage : requested;
  }

  // --- Authorization requests (ICQ SSI authorization, shown as subscription requests) ---

  /** A contact asked the user for authorization. */
  public synchronized void contactAsked(LegacyContactId contact) {
    contactsAsking.add(contact);
  }

  /** Takes the contact's open request; true if there was one. */
  public synchronized boolean takeContactRequest(LegacyContactId contact) {
    return contactsAsking.remove(contact);
  }

  /** The user asked a contact for authorization. */
  public synchronized void userAsked(LegacyContactId contact) {
    contactsAsked.add(contact);
  }

  /** Takes the user's open request to the contact; true if there was one. */
  public synchronized boolean takeUserRequest(LegacyContactId contact) {
    return contactsAsked.remove(contact);
  }

  /** A removal of the contact from the ICQ list starts; false if one is already under way. */
  public synchronized boolean removalStarts(LegacyContactId contact) {
    return removing.add(contact);
  }

  /** The removal of the contact ended (either way). */
  public synchronized void removalEnded(LegacyContactId contact) {
    removing.remove(contact);
  }

  // --- Take-over probes (several instances) ---

  /** Records a take-over probe at {@code now} unless one was sent less than {@code minInterval} before; true if recorded. */
  public synchronized boolean takeOverProbeDue(Instant now, java.time.Duration minInterval) {
    if (lastTakeOverProbe != null && lastTakeOverProbe.plus(minInterval).isAfter(now)) {
      return false;
    }
    lastTakeOverProbe = now;
    return true;
  }

  // --- The roster sync's progress (XEP-0100 §5.1, XEP-0356, XEP-0144), durable ---

  /** The ICQ contacts already put in the user's roster (offered once, not at every login). */
  public Set<LegacyContactId> contactsInRoster() {
    return roster.synced(address);
  }

  /** The contact is now in the user's roster (pushed, offered, or added by the user). */
  public void contactInRoster(LegacyContact contact) {
    roster.markSynced(address, contact);
  }

  /** The contact left the user's roster or the ICQ list: it may be offered again later. */
  public void contactLeftRoster(LegacyContactId contact) {
    roster.forget(address, contact);
  }

  // --- Chat rooms (XEP-0045, issue #18) ---

  /** The room, if one of the user's resources is in it or joining it. */
  public synchronized Optional<JoinedRoom> room(LegacyRoomId room) {
    return Optional.ofNullable(rooms.get(room));
  }

  /** Starts joining a room (state JOINING, no resource yet); {@code self} is the user's ICQ number. */
  public synchronized JoinedRoom startJoining(LegacyRoomId room, LegacyContactId self) {
    if (rooms.containsKey(room)) {
      throw new IllegalStateException("already in or joining " + room.name());
    }
    JoinedRoom joined = new JoinedRoom(room, self);
    rooms.put(room, joined);
    return joined;
  }

  /** Forgets the room if it is this very one (not one joined anew meanwhile); true if forgotten. */
  public synchronized boolean forgetRoom(JoinedRoom joined) {
    return rooms.remove(joined.room(), joined);
  }

  /** The rooms the user's resources are in or joining. */
  public synchronized List<JoinedRoom> rooms() {
    return List.copyOf(rooms.values());
  }

  // --- Messages written (bounce matching) ---

  /** The messages written to the user recently. */
  public WrittenMessages written() {
    return written;
  }

  private static Presence strip(Presence presence) {
    Presence copy = presence.createCopy();
    copy.setTo((String) null);
    copy.setFrom((String) null);
    copy.setID(null);
    return copy;
  }
}
