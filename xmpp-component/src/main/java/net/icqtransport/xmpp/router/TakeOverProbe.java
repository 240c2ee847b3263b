package net.icqtransport.xmpp.router;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;

/**
 * Takes a user over from another transport instance: when a stanza comes from a registered user that this
 * instance has no session for, it probes the user ({@code <presence type='probe'/>} from the component
 * domain, XEP-0100 §4.4), so that the user's available presence arrives here and the session starts.
 *
 * <p>With several instances behind one domain (ejabberd's {@code domain_balancing}, {@code bare_source}), a
 * user's stanzas reach the instance another one served until it died: the first stanza after that is often
 * a message, not a presence. The probe's answer comes from the user's bare JID, so it reaches this same
 * instance. Available and unavailable presences are not probed for (they start or end the session
 * themselves), and a user is probed at most once per {@code minInterval} (noted in the user's {@link XmppUser}),
 * and never while the transport's own subscription request to the user is pending or was refused: the user's
 * server would answer the probe {@code unsubscribed} for the user and cancel the request (issue #15).
 */
public final class TakeOverProbe {
  private static final Logger LOG = LoggerFactory.getLogger(TakeOverProbe.class);

  private final TransportAddresses addresses;
  private final StanzaSender sender;
  private final Predicate<UserAddress> registered;
  private final Predicate<UserAddress> hasSession;
  private final Duration minInterval;
  private final Clock clock;
  private final XmppUsers users;

  public TakeOverProbe(
      TransportAddresses addresses,
      StanzaSender sender,
      Predicate<UserAddress> registered,
      Predicate<UserAddress> hasSession,
      XmppUsers users,
      Duration minInterval,
      Clock clock) {
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.registered = Objects.requireNonNull(registered, "registered");
    this.hasSession = Objects.requireNonNull(hasSession, "hasSession");
    this.users = Objects.requireNonNull(users, "users");
    this.minInterval = Objects.requireNonNull(minInterval, "minInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Probes the sender of {@code stanza} if it is a registered user without a session here; true if it did. */
  public boolean inspect(Packet stanza) {
    JID from = stanza.getFrom();
    if (from == null || from.getNode() == null || addresses.domain().getDomain().equals(from.getDomain())) {
      return false;
    }
    if (stanza instanceof Presence presence
        && (presence.getType() == null || presence.getType() == Presence.Type.unavailable
            || presence.getType() == Presence.Type.error)) {
      return false;
    }
    UserAddress user;
    try {
      user = addresses.userOf(from);
    } catch (StanzaException e) {
      return false;
    }
    if (hasSession.test(user)) {
      return false;
    }
    // The interval is checked before the store, so a busy sender costs one lookup per interval at most.
    Instant now = clock.instant();
    Optional<XmppUser> known = users.find(user);
    if (known.isPresent() && (!known.get().mayProbe() || !known.get().takeOverProbeDue(now, minInterval))) {
      return false;
    }
    if (!registered.test(user)) {
      return false;
    }
    if (known.isEmpty() && !users.of(user).takeOverProbeDue(now, minInterval)) {
      return false;
    }
    Presence probe = new Presence(Presence.Type.probe);
    probe.setFrom(addresses.domain());
    probe.setTo(addresses.userJid(user));
    sender.send(probe);
    LOG.info("Probing {}: a stanza came from this registered user, who has no session on this instance", user);
    return true;
  }
}
