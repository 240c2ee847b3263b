package net.icqtransport.xmpp.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import net.icqtransport.core.bridge.Directory;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.avatar.Avatar;
import net.icqtransport.xmpp.avatar.AvatarCache;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaSender;
import net.icqtransport.xmpp.stanza.XmlText;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.ShownContact;

/**
 * Contacts' presence as the user sees it (XEP-0100 §5.4), with the avatar ICQ announces separately (XEP-0153
 * §4.1): every available presence carries {@code <x xmlns='vcard-temp:x:update'>} with {@code <photo>SHA-1</photo>};
 * an empty {@code <photo/>} when the contact has none; no {@code <photo/>} at all while the image is still being
 * fetched, followed by a presence with the hash. (Away messages come with the presence: the bridge fetches them.)
 * An idle contact's presence says since when (XEP-0319 {@code <idle since='…'/>}).
 *
 * <p>What is shown is kept in the user's {@link XmppUser} ({@link ShownContact}). Runs on the user's lane; a late
 * image comes back to that lane and is used only if the contact's avatar has not changed meanwhile.
 */
public final class ContactPresencePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ContactPresencePublisher.class);

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final AvatarCache avatars;

  public ContactPresencePublisher(
      StanzaSender sender, TransportAddresses addresses, XmppUsers users, AvatarCache avatars) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.avatars = Objects.requireNonNull(avatars, "avatars");
  }

  /** A contact's presence changed on ICQ; call on the user's lane. */
  public void changed(UserAddress user, LegacyContactId contact, LegacyPresence legacy) {
    XmppUser state = users.of(user);
    if (!legacy.status().isAvailable()) {
      state.contactGone(contact);
      publish(user, contact, legacy, null);
      return;
    }
    ShownContact previous = state.shownContact(contact).orElse(null);
    AvatarId avatar = legacy.avatar();
    String photo;
    boolean fetchAvatar = false;
    if (avatar == null) {
      photo = "";
    } else if (previous != null && avatar.equals(previous.legacy().avatar()) && previous.photo() != null) {
      photo = previous.photo();
    } else {
      photo = avatars.cached(avatar).map(Avatar::sha1Hex).orElse(null);
      fetchAvatar = photo == null;
    }
    state.showContact(contact, publish(user, contact, legacy, photo));
    if (fetchAvatar) {
      avatars.avatar(user, contact, avatar).thenAccept(image -> image.ifPresent(a ->
          update(user, contact, s -> avatar.equals(s.legacy().avatar()) && s.photo() == null
              ? publish(user, contact, s.legacy(), a.sha1Hex()) : null)));
    }
  }

  /** The avatar the contact's last presence announced, if any (for the vCard PHOTO, XEP-0054). */
  public Optional<AvatarId> avatarOf(UserAddress user, LegacyContactId contact) {
    return users.find(user).flatMap(state -> state.shownContact(contact)).map(shown -> shown.legacy().avatar());
  }

  /**
   * Applies a late answer on the user's lane, if it still fits what is shown ({@code change} publishes and
   * returns what it showed, or returns null if the answer no longer fits), so it cannot overtake a newer presence.
   */
  private void update(UserAddress user, LegacyContactId contact, UnaryOperator<ShownContact> change) {
    users.inOrder(user, () -> users.find(user).ifPresent(state -> state.shownContact(contact).ifPresent(current -> {
      ShownContact next = change.apply(current);
      if (next != null) {
        state.showContact(contact, next);
      }
    })));
  }

  /** Sends the contact's presence made of these parts; returns what was shown. */
  private ShownContact publish(UserAddress user, LegacyContactId contact, LegacyPresence legacy, String photo) {
    Presence presence = PresenceStatusMapping.toPresence(legacy.status(), XmlText.sanitize(legacy.statusText()));
    PresenceStatusMapping.addIdle(presence, legacy.idleSince());
    if (legacy.status().isAvailable()) {
      Element update = presence.addChildElement("x", Namespaces.VCARD_UPDATE);
      if (photo != null) {
        update.addElement("photo").setText(photo);
      }
    }
    ShownContact shown = new ShownContact(legacy, photo, presence.createCopy());
    presence.setFrom(addresses.contactJid(contact));
    presence.setTo(addresses.userJid(user));
    sender.send(presence);
    return shown;
  }
}
