package net.icqtransport.xmpp.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * A registered user's subscription stanzas to a contact JID, as edits of the ICQ contact list (XEP-0100 §5):
 *
 * <ul>
 *   <li>{@code subscribe} to a contact on the list → {@code subscribed} and its presence; to one not on the
 *       list → {@code gateway.addContact} (nickname from XEP-0172 {@code <nick/>}, else the UIN): added →
 *       {@code subscribed} and presence; authorization requested → nothing until ICQ's answer
 *       ({@link net.icqtransport.xmpp.endpoint.XmppUserEndpoint#authorizationAnswered}).
 *   <li>{@code subscribed} / {@code unsubscribed} answering a contact's authorization request →
 *       {@code gateway.answerAuthorization} (granted / denied with the status text as reason).
 *   <li>{@code unsubscribe}, or {@code unsubscribed} that answers no request → the contact leaves the ICQ
 *       list ({@code removeContact}) and the synced set ({@code forgetContact}).
 * </ul>
 */
final class ContactSubscriptions {
  private static final Logger LOG = LoggerFactory.getLogger(ContactSubscriptions.class);
  private static final String DEFAULT_REQUEST = "Please authorize me to add you to my contact list.";

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;

  ContactSubscriptions(
      StanzaSender sender,
      Gateway gateway,
      TransportAddresses addresses,
      XmppUsers users) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
  }

  void subscribe(Presence request, UserAddress user, LegacyContactId contact) {
    Optional<LegacyContact> known = onList(user, contact);
    if (known.isPresent() && !known.get().awaitingAuthorization()) {
      approve(user, contact);
      return;
    }
    String nick = nickOf(request).orElse(known.map(LegacyContact::nickname).orElse(contact.value()));
    String text = request.getStatus() == null || request.getStatus().isBlank() ? DEFAULT_REQUEST : request.getStatus();
    LegacyContact wanted = new LegacyContact(contact, nick, known.map(LegacyContact::group).orElse(null));
    LOG.info("{} adds ICQ contact {}", user, contact);
    gateway.addContact(user, wanted, text).whenComplete((result, failure) -> users.inOrder(user, () -> {
      if (failure == null) {
        users.of(user).contactInRoster(wanted);
        if (result == ContactAddResult.AUTHORIZATION_REQUESTED) {
          LOG.info("ICQ contact {} of {} needs authorization; asked", contact, user);
          users.of(user).userAsked(contact);
        } else {
          approve(user, contact);
        }
        return;
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (cause instanceof UnsupportedOperationException) {
        approve(user, contact); // the network keeps no list to edit: only the roster matters
      } else if (cause instanceof NotLoggedInException) {
        sender.send(StanzaErrors.presenceError(request, new PacketError(PacketError.Condition.recipient_unavailable,
            PacketError.Type.wait, "You are not logged in to ICQ: go online, then add the contact again")));
      } else {
        LOG.warn("Adding ICQ contact {} for {} failed", contact, user, cause);
        sender.send(StanzaErrors.presenceError(request, StanzaErrorMapping.forUnexpectedFailure("add the contact to your ICQ list")));
      }
    }));
  }

  void subscribed(UserAddress user, LegacyContactId contact) {
    if (users.of(user).takeContactRequest(contact)) {
      LOG.info("{} authorizes ICQ contact {}", user, contact);
      logFailure(gateway.answerAuthorization(user, contact, true, null), "authorize", user, contact);
    } else {
      LOG.debug("{} lets ICQ contact {} see its presence", user, contact);
    }
  }

  void unsubscribed(Presence answer, UserAddress user, LegacyContactId contact) {
    if (users.of(user).takeContactRequest(contact)) {
      LOG.info("{} denies ICQ contact {} authorization", user, contact);
      logFailure(gateway.answerAuthorization(user, contact, false, answer.getStatus()), "deny", user, contact);
    } else {
      remove(user, contact);
    }
  }

  void unsubscribe(UserAddress user, LegacyContactId contact) {
    JID contactJid = addresses.contactJid(contact);
    JID userJid = addresses.userJid(user);
    sender.send(presence(Presence.Type.unsubscribed, contactJid, userJid));
    sender.send(presence(Presence.Type.unavailable, contactJid, userJid));
    remove(user, contact);
  }

  private void remove(UserAddress user, LegacyContactId contact) {
    users.of(user).contactLeftRoster(contact);
    if (onList(user, contact).isEmpty()) {
      return;
    }
    if (!users.of(user).removalStarts(contact)) {
      return;
    }
    LOG.info("{} removes ICQ contact {}", user, contact);
    gateway.removeContact(user, contact).whenComplete((ok, failure) -> {
      users.inOrder(user, () -> users.of(user).removalEnded(contact));
      if (failure != null) {
        LOG.warn("Removing ICQ contact {} of {} failed: {}", contact, user, AsyncFailures.unwrap(failure).toString());
      }
    });
  }

  private void approve(UserAddress user, LegacyContactId contact) {
    JID contactJid = addresses.contactJid(contact);
    JID userJid = addresses.userJid(user);
    sender.send(presence(Presence.Type.subscribed, contactJid, userJid));
    Presence current = users.of(user).contactPresence(contact).orElseGet(() -> new Presence(Presence.Type.unavailable));
    current.setFrom(contactJid);
    current.setTo(userJid);
    sender.send(current);
  }

  private Optional<LegacyContact> onList(UserAddress user, LegacyContactId contact) {
    return gateway.contacts(user).stream().filter(c -> c.id().equals(contact)).findFirst();
  }

  private static Optional<String> nickOf(Presence presence) {
    Element nick = presence.getElement().element(QName.get("nick", Namespaces.NICK));
    return nick == null || nick.getTextTrim().isEmpty() ? Optional.empty() : Optional.of(nick.getTextTrim());
  }

  private static void logFailure(java.util.concurrent.CompletableFuture<Void> answer, String what, UserAddress user,
      LegacyContactId contact) {
    answer.whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("Could not {} ICQ contact {} for {}: {}", what, contact, user, AsyncFailures.unwrap(failure).toString());
      }
    });
  }

  private static Presence presence(Presence.Type type, JID from, JID to) {
    Presence presence = new Presence(type);
    presence.setFrom(from);
    presence.setTo(to);
    return presence;
  }
}
