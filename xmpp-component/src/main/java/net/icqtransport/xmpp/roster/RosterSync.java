package net.icqtransport.xmpp.roster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.privilege.PrivilegeGrants;
import net.icqtransport.xmpp.privilege.RosterPermission;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * Puts the user's ICQ contacts into the user's XMPP roster (XEP-0100 §5.1 and §4.3), in the best way the
 * user's server and client allow:
 *
 * <ol>
 *   <li>XEP-0356 §4.3: when the user's server granted the {@code roster} permission {@code set} or
 *       {@code both}, the items are written straight into the roster as the user, with subscription
 *       {@code both} (read first with {@code get} when allowed, so items already shown alike are left alone);
 *   <li>XEP-0144 §3: when one of the user's clients supports roster item exchange, one message with every
 *       new contact ({@code action='add'}) goes to that client, which asks the user;
 *   <li>otherwise a {@code subscribe} from each contact's JID with its nickname (XEP-0172 §4.2), as
 *       XEP-0100 §5.1 does.
 * </ol>
 *
 * A roster set the server refuses (ejabberd before 23.10 answers every privileged roster set with
 * {@code internal-server-error}, its issue #3942) falls back to the second or third way for those contacts.
 *
 * <p>Each contact is offered once: the user's {@link XmppUser} remembers what was synced ({@link XmppUser#contactsInRoster}, durably), so a
 * contact the user removed from the roster is not pushed back at every login. Changes made on ICQ by other
 * clients follow the same way (roster set, or {@code subscribe} again); removals become a roster
 * {@code remove}, or {@code unsubscribe} + {@code unsubscribed} from the contact (XEP-0100 §4.3).
 */
public final class RosterSync {
  private static final Logger LOG = LoggerFactory.getLogger(RosterSync.class);

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final PrivilegeGrants grants;
  private final PrivilegedRoster privilegedRoster;
  private final ClientFeatures clientFeatures;
  private final XmppUsers users;

  public RosterSync(
      StanzaSender sender,
      TransportAddresses addresses,
      PrivilegeGrants grants,
      PrivilegedRoster privilegedRoster,
      ClientFeatures clientFeatures,
      XmppUsers users) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.grants = Objects.requireNonNull(grants, "grants");
    this.privilegedRoster = Objects.requireNonNull(privilegedRoster, "privilegedRoster");
    this.clientFeatures = Objects.requireNonNull(clientFeatures, "clientFeatures");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** The ICQ contact list arrived after a login: offer the contacts not offered before. */
  public void contactListReceived(UserAddress user, List<LegacyContact> contacts) {
    Set<LegacyContactId> synced = users.of(user).contactsInRoster();
    List<LegacyContact> fresh = contacts.stream().filter(c -> !synced.contains(c.id())).toList();
    if (fresh.isEmpty()) {
      LOG.debug("All {} ICQ contacts of {} are in the roster already", contacts.size(), user);
      return;
    }
    RosterPermission permission = grants.rosterPermission(user);
    LOG.info("Offering {} of {} ICQ contacts to the roster of {} ({})", fresh.size(), contacts.size(), user,
        permission.maySet() ? "XEP-0356 roster set" : "XEP-0144 or subscription requests");
    if (permission.maySet()) {
      pushAll(user, fresh, permission.mayGet());
    } else {
      offerWithoutPrivilege(user, fresh);
    }
  }

  /** A contact was added or changed on ICQ by another client. */
  public void contactUpdated(UserAddress user, LegacyContact contact) {
    if (grants.rosterPermission(user).maySet()) {
      push(user, contact).thenAccept(pushed -> {
        if (!pushed) {
          sender.send(subscribe(user, contact));
          users.of(user).contactInRoster(contact);
        }
      });
    } else {
      sender.send(subscribe(user, contact));
      users.of(user).contactInRoster(contact);
    }
  }

  /** A contact was deleted from the ICQ list by another client. */
  public void contactRemoved(UserAddress user, LegacyContactId contact) {
    removeFromRoster(user, List.of(contact));
    users.of(user).contactLeftRoster(contact);
  }

  /**
   * Takes contacts out of the user's roster (on unregistering, XEP-0100 §4.3): a roster {@code remove} each
   * with the privilege, else {@code unsubscribe} and {@code unsubscribed} from each contact's JID. A privileged
   * removal the server refuses (ejabberd 23.01 refuses them) falls back to the subscriptions too, as adding
   * does, so the contacts never stay in the roster with subscription both.
   */
  public void removeFromRoster(UserAddress user, Collection<LegacyContactId> contacts) {
    boolean privileged = grants.rosterPermission(user).maySet();
    JID userJid = addresses.userJid(user);
    for (LegacyContactId contact : contacts) {
      JID contactJid = addresses.contactJid(contact);
      if (privileged) {
        privilegedRoster.push(user, new RosterItem(contactJid, null, null, "remove")).exceptionally(failure -> {
          LOG.info("The server refused to remove {} from the roster of {} ({}); cancelling the subscriptions instead",
              contactJid, user, failure.getMessage());
          cancelSubscriptions(contactJid, userJid);
          return null;
        });
      } else {
        cancelSubscriptions(contactJid, userJid);
      }
      Presence gone = presence(Presence.Type.unavailable, contactJid, userJid);
      users.find(user).ifPresent(state -> state.contactGone(contact));
      sender.send(gone);
    }
  }

  /** {@code unsubscribe} and {@code unsubscribed} from the contact (RFC 6121 §3.2, §3.3): both ways cancelled. */
  private void cancelSubscriptions(JID contactJid, JID userJid) {
    sender.send(presence(Presence.Type.unsubscribe, contactJid, userJid));
    sender.send(presence(Presence.Type.unsubscribed, contactJid, userJid));
  }

  private void pushAll(UserAddress user, List<LegacyContact> fresh, boolean mayGet) {
    CompletableFuture<Map<String, RosterItem>> roster = mayGet
        ? privilegedRoster.fetch(user).exceptionally(failure -> {
            LOG.warn("Could not read the roster of {} ({}); pushing every contact", user, failure.toString());
            return Map.of();
          })
        : CompletableFuture.completedFuture(Map.of());
    roster.thenAccept(items -> {
      List<LegacyContact> pushing = new ArrayList<>();
      List<CompletableFuture<Boolean>> pushes = new ArrayList<>();
      for (LegacyContact contact : fresh) {
        RosterItem wanted = item(contact, "both");
        RosterItem present = items.get(wanted.jid().toBareJID().toLowerCase(Locale.ROOT));
        if (wanted.sameView(present)) {
          users.of(user).contactInRoster(contact);
        } else {
          pushing.add(contact);
          pushes.add(push(user, contact));
        }
      }
      CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).thenRun(() -> {
        List<LegacyContact> refused = new ArrayList<>();
        for (int i = 0; i < pushing.size(); i++) {
          if (!pushes.get(i).join()) {
            refused.add(pushing.get(i));
          }
        }
        if (!refused.isEmpty()) {
          LOG.info("The server refused {} roster sets for {}; offering those contacts without the privilege", refused.size(), user);
          offerWithoutPrivilege(user, refused);
        }
      });
    });
  }

  /** Writes one item as the user; completes with false if the server refused it. */
  private CompletableFuture<Boolean> push(UserAddress user, LegacyContact contact) {
    return privilegedRoster.push(user, item(contact, "both")).handle((ok, failure) -> {
      if (failure != null) {
        LOG.warn("Could not put ICQ contact {} into the roster of {}: {}", contact.id(), user, failure.toString());
        return false;
      }
      users.of(user).contactInRoster(contact);
      // Presence sent before the item existed was dropped by the server: show the current one now.
      users.find(user).flatMap(state -> state.contactPresence(contact.id())).ifPresent(current -> {
        current.setFrom(addresses.contactJid(contact.id()));
        current.setTo(addresses.userJid(user));
        sender.send(current);
      });
      return true;
    });
  }

  private void offerWithoutPrivilege(UserAddress user, List<LegacyContact> fresh) {
    clientFeatures.resourceSupporting(user, Namespaces.ROSTER_EXCHANGE).whenComplete((client, failure) -> {
      Optional<JID> target = failure == null ? client : Optional.empty();
      if (target.isPresent()) {
        sender.send(rosterExchange(user, target.get(), fresh));
      } else {
        fresh.forEach(contact -> sender.send(subscribe(user, contact)));
      }
      fresh.forEach(contact -> users.of(user).contactInRoster(contact));
    });
  }

  /** XEP-0144 §3: the suggested items, from the transport to the client that supports it. */
  private Message rosterExchange(UserAddress user, JID client, List<LegacyContact> contacts) {
    Message message = new Message();
    message.setFrom(addresses.domain());
    message.setTo(client);
    message.setBody("Your ICQ contacts: add them to your roster.");
    Element x = message.addChildElement("x", Namespaces.ROSTER_EXCHANGE);
    for (LegacyContact contact : contacts) {
      Element item = x.addElement("item")
          .addAttribute("action", "add")
          .addAttribute("jid", addresses.contactJid(contact.id()).toBareJID())
          .addAttribute("name", XmlText.sanitize(contact.nickname()));
      if (contact.group() != null && !contact.group().isBlank()) {
        item.addElement("group").setText(XmlText.sanitize(contact.group()));
      }
    }
    LOG.debug("Suggesting {} roster items to {} (XEP-0144)", contacts.size(), client);
    return message;
  }

  /** XEP-0100 §5.1 with XEP-0172 §4.2: the contact asks to be in the roster under its nickname. */
  private Presence subscribe(UserAddress user, LegacyContact contact) {
    Presence presence = presence(Presence.Type.subscribe, addresses.contactJid(contact.id()), addresses.userJid(user));
    presence.addChildElement("nick", Namespaces.NICK).setText(XmlText.sanitize(contact.nickname()));
    return presence;
  }

  private RosterItem item(LegacyContact contact, String subscription) {
    String group = contact.group() == null || contact.group().isBlank() ? null : XmlText.sanitize(contact.group());
    return new RosterItem(addresses.contactJid(contact.id()), XmlText.sanitize(contact.nickname()), group, subscription);
  }

  private static Presence presence(Presence.Type type, JID from, JID to) {
    Presence presence = new Presence(type);
    presence.setFrom(from);
    presence.setTo(to);
    return presence;
  }
}
