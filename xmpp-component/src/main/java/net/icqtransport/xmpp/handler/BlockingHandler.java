package net.icqtransport.xmpp.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.command.ContactBlocking;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * XEP-0191 (blocking command) sent to the transport's own JID, for the ICQ contacts of the requesting user
 * (issue #17): {@code <blocklist/>} (get, §3.2) lists the contacts on the user's ICQ deny list as contact JIDs;
 * {@code <block/>} (set, §3.3) blocks each item, {@code <unblock/>} (set, §3.4) unblocks each item, or every
 * contact when it has none. An item that is not a contact JID of this transport is {@code jid-malformed}; a
 * block without items is {@code bad-request}. No pushes are sent (§3.3's push is the user's server's job for
 * its own list).
 */
public final class BlockingHandler implements IqHandler {
  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final ContactBlocking blocking;
  private final RegistrationCheck registered;

  public BlockingHandler(StanzaSender sender, TransportAddresses addresses, ContactBlocking blocking,
      RegistrationCheck registered) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.blocking = Objects.requireNonNull(blocking, "blocking");
    this.registered = Objects.requireNonNull(registered, "registered");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.BLOCKING);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.service_unavailable,
          "Send blocking requests to " + addresses.domain() + ", naming the ICQ contacts");
    }
    UserAddress user = addresses.userOf(request.getFrom());
    if (!registered.isRegistered(user)) {
      throw new StanzaException(PacketError.Condition.registration_required,
          "Register with " + addresses.domain() + " first");
    }
    Element payload = request.getChildElement();
    String name = payload.getName();
    if (request.getType() == IQ.Type.get && name.equals("blocklist")) {
      answer(request, "read your blocked ICQ contacts", blocking.blocked(user).thenApply(list -> {
        IQ result = IQ.createResultIQ(request);
        Element blocklist = result.setChildElement("blocklist", Namespaces.BLOCKING);
        list.forEach(contact -> blocklist.addElement("item").addAttribute("jid", addresses.contactJid(contact).toBareJID()));
        return result;
      }));
    } else if (request.getType() == IQ.Type.set && name.equals("block")) {
      List<LegacyContactId> contacts = items(payload);
      if (contacts.isEmpty()) {
        throw new StanzaException(PacketError.Condition.bad_request, "Name at least one ICQ contact to block");
      }
      CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
      for (LegacyContactId contact : contacts) {
        done = done.thenCompose(v -> blocking.block(user, contact));
      }
      answer(request, "block the ICQ contact", done.thenApply(v -> IQ.createResultIQ(request)));
    } else if (request.getType() == IQ.Type.set && name.equals("unblock")) {
      List<LegacyContactId> named = items(payload);
      CompletableFuture<List<LegacyContactId>> contacts = named.isEmpty() ? blocking.blocked(user)
          : CompletableFuture.completedFuture(named);
      answer(request, "unblock the ICQ contact", contacts.thenCompose(list -> {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        for (LegacyContactId contact : list) {
          done = done.thenCompose(v -> blocking.unblock(user, contact));
        }
        return done;
      }).thenApply(v -> IQ.createResultIQ(request)));
    } else {
      throw new StanzaException(PacketError.Condition.bad_request,
          "Expected get <blocklist/>, or set <block/> or <unblock/> (XEP-0191)");
    }
  }

  private List<LegacyContactId> items(Element payload) {
    List<LegacyContactId> contacts = new ArrayList<>();
    for (Element item : payload.elements("item")) {
      String jid = item.attributeValue("jid");
      contacts.add(blocking.parse(jid == null || jid.indexOf('@') < 0 ? "" : jid)
          .orElseThrow(() -> new StanzaException(PacketError.Condition.jid_malformed,
              "Not an ICQ contact of " + addresses.domain() + ": use NUMBER@" + addresses.domain())));
    }
    return contacts;
  }

  private void answer(IQ request, String what, CompletableFuture<IQ> reply) {
    reply.whenComplete((result, failure) -> sender.send(failure == null ? result
        : StanzaErrors.iqError(request, StanzaErrorMapping.forGatewayFailure(AsyncFailures.unwrap(failure), what))));
  }
}
