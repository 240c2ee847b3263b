package net.icqtransport.xmpp.endpoint;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import net.icqtransport.core.legacy.LegacyContact;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.core.user.UserEndpoint;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.mapping.TransportPresenceMapping;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import net.icqtransport.xmpp.state.PresenceBook;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * Tells Jabber users what happens on ICQ, as stanzas to their bare JIDs: messages and presence from contact
 * JIDs (XEP-0100 §5.4-§5.5) and the transport's own presence for the session state (XEP-0100 §4.4).
 *
 * <p>Thread-safe: every call builds its stanzas locally and hands them to the {@link StanzaSender} before
 * returning, which sends them in that order, so the order of the core's calls for a user is kept. Text from
 * ICQ is stripped of characters XML cannot carry.
 */
public final class XmppUserEndpoint implements UserEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(XmppUserEndpoint.class);

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final PresenceBook presences;

  public XmppUserEndpoint(StanzaSender sender, TransportAddresses addresses, PresenceBook presences) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.presences = Objects.requireNonNull(presences, "presences");
  }

  /** A chat message from the contact; XEP-0203 {@code <delay/>} when it was stored offline. */
  @Override
  public CompletableFuture<Void> deliverMessage(UserAddress user, LegacyContactId from, String text, Instant sentAt) {
    Message message = new Message();
    message.setType(Message.Type.chat);
    message.setFrom(addresses.contactJid(from));
    message.setTo(addresses.userJid(user));
    message.setBody(XmlText.sanitize(text));
    if (sentAt != null) {
      Element delay = message.addChildElement("delay", Namespaces.DELAY);
      delay.addAttribute("from", addresses.domain().toString());
      delay.addAttribute("stamp", DateTimeFormatter.ISO_INSTANT.format(sentAt.truncatedTo(ChronoUnit.MILLIS)));
    }
    sender.send(message);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void contactPresenceChanged(UserAddress user, LegacyContactId contact, LegacyPresence legacy) {
    Presence presence = PresenceStatusMapping.toPresence(legacy.status(), XmlText.sanitize(legacy.statusText()));
    presences.setContactPresence(user, contact, presence);
    presence.setFrom(addresses.contactJid(contact));
    presence.setTo(addresses.userJid(user));
    sender.send(presence);
  }

  /**
   * Only logged for now. TODO(roster sync): push the contacts into the user's roster (XEP-0144 roster item
   * exchange, or XEP-0321/XEP-0356 where the server allows), and send {@code subscribe} from each contact.
   */
  @Override
  public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
    LOG.info("ICQ contact list of {} has {} contacts (roster sync not implemented yet)", user, contacts.size());
  }

  /**
   * The transport's own presence shows the state; when the session is not up, every contact shown as
   * available goes unavailable (XEP-0100 §4.5) so the roster does not show stale presence.
   */
  @Override
  public void sessionStateChanged(UserAddress user, SessionState state, String detail) {
    Presence presence = TransportPresenceMapping.toPresence(state, XmlText.sanitize(detail));
    presences.setTransportPresence(user, presence);
    JID userJid = addresses.userJid(user);
    if (state != SessionState.ONLINE && state != SessionState.LOGGING_IN) {
      for (LegacyContactId contact : presences.clearContacts(user)) {
        Presence gone = new Presence(Presence.Type.unavailable);
        gone.setFrom(addresses.contactJid(contact));
        gone.setTo(userJid);
        sender.send(gone);
      }
    }
    presence.setFrom(addresses.domain());
    presence.setTo(userJid);
    sender.send(presence);
  }

  /** Sends unavailable from the transport to every user it shows as available (at shutdown). */
  public void signOffEveryone() {
    for (UserAddress user : presences.usersShownAvailable()) {
      sessionStateChanged(user, SessionState.OFFLINE, "The transport is shutting down");
    }
  }
}
