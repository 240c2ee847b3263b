package net.icqtransport.xmpp.roster;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.router.IqRequests;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/**
 * A user's roster read and changed "as the user" (XEP-0356 §4.3, roster access): roster IQs from the
 * component's domain to the user's bare JID, which a server answers only for a component it granted the
 * {@code roster} permission.
 *
 * <pre>{@code
 * <iq type='set' from='icq.example.org' to='alice@example.org'>
 *   <query xmlns='jabber:iq:roster'><item jid='123456@icq.example.org' name='Bob' subscription='both'>
 *     <group>Friends</group></item></query>
 * </iq>
 * }</pre>
 */
public final class PrivilegedRoster {
  private final IqRequests requests;
  private final TransportAddresses addresses;

  public PrivilegedRoster(IqRequests requests, TransportAddresses addresses) {
    this.requests = Objects.requireNonNull(requests, "requests");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /** The user's roster items by lower-case bare JID; fails if the server refused or did not answer. */
  public CompletableFuture<Map<String, RosterItem>> fetch(UserAddress user) {
    IQ get = new IQ(IQ.Type.get);
    get.setFrom(addresses.domain());
    get.setTo(addresses.userJid(user));
    get.setChildElement("query", Namespaces.ROSTER);
    return requests.send(get).thenApply(answer -> {
      if (answer.getType() != IQ.Type.result) {
        throw new IllegalStateException("roster get refused: " + conditionOf(answer));
      }
      Map<String, RosterItem> items = new HashMap<>();
      Element query = answer.getChildElement();
      if (query != null) {
        for (Element element : query.elements("item")) {
          RosterItem item = RosterItem.parse(element);
          if (item != null) {
            items.put(item.jid().toBareJID().toLowerCase(Locale.ROOT), item);
          }
        }
      }
      return items;
    });
  }

  /** Adds, changes or (with subscription {@code remove}) removes one item; fails if the server refused. */
  public CompletableFuture<Void> push(UserAddress user, RosterItem item) {
    IQ set = new IQ(IQ.Type.set);
    set.setFrom(addresses.domain());
    set.setTo(addresses.userJid(user));
    item.appendTo(set.setChildElement("query", Namespaces.ROSTER));
    return requests.send(set).thenAccept(answer -> {
      if (answer.getType() != IQ.Type.result) {
        throw new IllegalStateException("roster set refused: " + conditionOf(answer));
      }
    });
  }

  private static String conditionOf(IQ answer) {
    return answer.getError() == null ? "no answer" : answer.getError().getCondition().toXMPP();
  }
}
