package net.icqtransport.oscar.icq;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyFileOffer;
import net.icqtransport.core.legacy.LegacyListener;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.DeliveryConfirmation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what blocked contacts (the SSI deny list, type 0x0003) send away from the bridge, whatever the server
 * lets through: their messages (live and offline), typing, authorization requests and file offers are dropped,
 * and their presence is reported as offline. Servers differ in how strictly they apply the deny list (privacy
 * mode 4), so the session does not rely on them. Runs on the session's event loop, like every listener call.
 */
final class BlockedContactsFilter implements LegacyListener {
  private static final Logger LOG = LoggerFactory.getLogger(BlockedContactsFilter.class);

  private final LegacyListener next;
  private final Predicate<LegacyContactId> blocked;

  BlockedContactsFilter(LegacyListener next, Predicate<LegacyContactId> blocked) {
    this.next = Objects.requireNonNull(next, "next");
    this.blocked = Objects.requireNonNull(blocked, "blocked");
  }

  private boolean drops(LegacyContactId contact, String what) {
    if (blocked.test(contact)) {
      LOG.debug("Dropping {} from blocked ICQ contact {}", what, contact);
      return true;
    }
    return false;
  }

  @Override
  public void contactListReceived(List<LegacyContact> contacts) {
    next.contactListReceived(contacts);
  }

  @Override
  public void contactPresenceChanged(LegacyContactId contact, LegacyPresence presence) {
    next.contactPresenceChanged(contact, blocked.test(contact) ? LegacyPresence.offline() : presence);
  }

  @Override
  public void messageReceived(LegacyContactId from, String text, Instant sentAt) {
    if (!drops(from, "a message")) {
      next.messageReceived(from, text, sentAt);
    }
  }

  @Override
  public void sessionClosed(DisconnectReason reason, String detail) {
    next.sessionClosed(reason, detail);
  }

  @Override
  public void offlineMessagesReceived(List<OfflineMessage> messages, DeliveryConfirmation confirmation) {
    List<OfflineMessage> kept = messages.stream().filter(m -> !drops(m.from(), "an offline message")).toList();
    next.offlineMessagesReceived(kept, confirmation);
  }

  @Override
  public void typingChanged(LegacyContactId contact, TypingState state) {
    if (!blocked.test(contact)) {
      next.typingChanged(contact, state);
    }
  }

  @Override
  public void authorizationRequested(LegacyContactId contact, String reason) {
    if (!drops(contact, "an authorization request")) {
      next.authorizationRequested(contact, reason);
    }
  }

  @Override
  public void authorizationAnswered(LegacyContactId contact, boolean granted, String reason) {
    next.authorizationAnswered(contact, granted, reason);
  }

  @Override
  public void addedByContact(LegacyContactId contact) {
    if (!drops(contact, "an added-you note")) {
      next.addedByContact(contact);
    }
  }

  @Override
  public void contactUpdated(LegacyContact contact) {
    next.contactUpdated(contact);
  }

  @Override
  public void contactRemoved(LegacyContactId contact) {
    next.contactRemoved(contact);
  }

  @Override
  public void roomInvitation(LegacyContactId from, LegacyRoomId room, String text) {
    if (!drops(from, "a chat room invitation")) {
      next.roomInvitation(from, room, text);
    }
  }

  @Override
  public void fileOffered(LegacyContactId from, LegacyFileOffer offer) {
    if (drops(from, "a file offer")) {
      offer.decline();
    } else {
      next.fileOffered(from, offer);
    }
  }
}
