package net.icqtransport.xmpp.endpoint;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import net.icqtransport.core.bridge.Gateway;
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
import net.icqtransport.xmpp.state.PresenceBook;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Presence;

/**
 * Contacts' presence as the user sees it (XEP-0100 §5.4), completed with what ICQ sends separately:
 *
 * <ul>
 *   <li>the away message: when a contact goes away, N/A, DND or occupied without a text, it is fetched once
 *       per status change ({@code gateway.fetchStatusMessage}) and an updated presence follows if one comes;
 *   <li>the avatar (XEP-0153 §4.1): every available presence carries {@code <x xmlns='vcard-temp:x:update'>}
 *       with {@code <photo>SHA-1</photo>}; an empty {@code <photo/>} when the contact has none; no
 *       {@code <photo/>} at all while the image is still being fetched, followed by a presence with the hash.
 * </ul>
 *
 * A late answer is used only if the contact's presence has not changed meanwhile.
 */
public final class ContactPresencePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ContactPresencePublisher.class);

  /** What is shown for one contact: the legacy presence, the fetched away message and the photo hash. */
  private record Shown(LegacyPresence legacy, String fetchedText, String photo) {
    Shown withText(String text) {
      return new Shown(legacy, text, photo);
    }

    Shown withPhoto(String sha1) {
      return new Shown(legacy, fetchedText, sha1);
    }
  }

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final PresenceBook presences;
  private final Gateway gateway;
  private final AvatarCache avatars;
  private final Map<UserAddress, Map<LegacyContactId, Shown>> shown = new ConcurrentHashMap<>();

  public ContactPresencePublisher(
      StanzaSender sender, TransportAddresses addresses, PresenceBook presences, Gateway gateway, AvatarCache avatars) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.presences = Objects.requireNonNull(presences, "presences");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.avatars = Objects.requireNonNull(avatars, "avatars");
  }

  /** A contact's presence changed on ICQ. */
  public void changed(UserAddress user, LegacyContactId contact, LegacyPresence legacy) {
    Map<LegacyContactId, Shown> contacts = contacts(user);
    if (!legacy.status().isAvailable()) {
      synchronized (contacts) {
        contacts.remove(contact);
        publish(user, contact, new Shown(legacy, null, null));
      }
      return;
    }
    Shown previous = contacts.get(contact);
    boolean sameAwayStatus = previous != null
        && previous.legacy().status() == legacy.status() && previous.legacy().statusText() == null;
    String fetched = legacy.statusText() == null && sameAwayStatus ? previous.fetchedText() : null;
    boolean fetchText = legacy.statusText() == null && !sameAwayStatus && PresenceStatusMapping.hasAwayMessage(legacy.status());

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
    Shown now = new Shown(legacy, fetched, photo);
    synchronized (contacts) {
      contacts.put(contact, now);
      publish(user, contact, now);
    }

    if (fetchText) {
      fetchStatusMessage(user, contact).thenAccept(text -> text
          .filter(t -> !t.isBlank())
          .ifPresent(t -> update(user, contact, s -> s.legacy().status() == legacy.status()
              && s.legacy().statusText() == null && s.fetchedText() == null ? s.withText(t) : null)));
    }
    if (fetchAvatar) {
      avatars.avatar(user, contact, avatar).thenAccept(image -> image.ifPresent(a ->
          update(user, contact, s -> avatar.equals(s.legacy().avatar()) && s.photo() == null ? s.withPhoto(a.sha1Hex()) : null)));
    }
  }

  /** Forgets what is shown to the user (the session ended). */
  /** The avatar the contact's last presence announced, if any (for the vCard PHOTO, XEP-0054). */
  public Optional<AvatarId> avatarOf(UserAddress user, LegacyContactId contact) {
    Map<LegacyContactId, Shown> contacts = shown.get(user);
    Shown last = contacts == null ? null : contacts.get(contact);
    return last == null ? Optional.empty() : Optional.ofNullable(last.legacy().avatar());
  }

  public void forget(UserAddress user) {
    shown.remove(user);
  }

  private CompletableFuture<Optional<String>> fetchStatusMessage(UserAddress user, LegacyContactId contact) {
    CompletableFuture<Optional<String>> fetch;
    try {
      fetch = gateway.fetchStatusMessage(user, contact);
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    return fetch.exceptionally(failure -> {
      LOG.debug("No away message of ICQ {} for {}: {}", contact, user, failure.toString());
      return Optional.empty();
    });
  }

  /**
   * Applies a late answer if it still fits what is shown (the change returns null if not), then shows it;
   * under the user's lock so it cannot overtake a newer presence.
   */
  private void update(UserAddress user, LegacyContactId contact, UnaryOperator<Shown> change) {
    Map<LegacyContactId, Shown> contacts = contacts(user);
    synchronized (contacts) {
      Shown current = contacts.get(contact);
      Shown next = current == null ? null : change.apply(current);
      if (next != null) {
        contacts.put(contact, next);
        publish(user, contact, next);
      }
    }
  }

  private void publish(UserAddress user, LegacyContactId contact, Shown view) {
    LegacyPresence legacy = view.legacy();
    String text = legacy.statusText() != null ? legacy.statusText() : view.fetchedText();
    Presence presence = PresenceStatusMapping.toPresence(legacy.status(), XmlText.sanitize(text));
    if (legacy.status().isAvailable()) {
      Element update = presence.addChildElement("x", Namespaces.VCARD_UPDATE);
      if (view.photo() != null) {
        update.addElement("photo").setText(view.photo());
      }
    }
    presences.setContactPresence(user, contact, presence);
    presence.setFrom(addresses.contactJid(contact));
    presence.setTo(addresses.userJid(user));
    sender.send(presence);
  }

  private Map<LegacyContactId, Shown> contacts(UserAddress user) {
    return shown.computeIfAbsent(user, u -> new ConcurrentHashMap<>());
  }
}
