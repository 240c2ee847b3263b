package net.icqtransport.xmpp.handler;

import java.util.Objects;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.router.PresenceListener;
import net.icqtransport.xmpp.state.UserPresenceBook;
import net.icqtransport.xmpp.state.UserPresenceBook.ResourcePresence;
import org.xmpp.packet.Presence;

/**
 * Notes in the {@link UserPresenceBook} each available or unavailable presence a user sends to the
 * transport, then passes every presence on unchanged to the presence handler. Only records: what the
 * presence means is the presence handler's business.
 */
public final class UserPresenceRecorder implements PresenceListener {

  private final UserPresenceBook book;
  private final TransportAddresses addresses;
  private final PresenceListener next;

  public UserPresenceRecorder(UserPresenceBook book, TransportAddresses addresses, PresenceListener next) {
    this.book = Objects.requireNonNull(book, "book");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handle(Presence presence, Recipient recipient) {
    if (recipient.isTransport() && presence.getFrom() != null) {
      UserAddress user = addresses.userOf(presence.getFrom());
      String resource = presence.getFrom().getResource() == null ? "" : presence.getFrom().getResource();
      if (presence.getType() == null) {
        book.available(user, new ResourcePresence(resource, presence.getPriority(),
            PresenceStatusMapping.toLegacy(presence.getShow()), presence.getStatus()));
      } else if (presence.getType() == Presence.Type.unavailable && presence.getFrom().getResource() == null) {
        book.forget(user); // from the bare JID: the server says every resource is gone (RFC 6121 §4.5.2)
      } else if (presence.getType() == Presence.Type.unavailable) {
        book.unavailable(user, resource);
      }
    }
    next.handle(presence, recipient);
  }
}
