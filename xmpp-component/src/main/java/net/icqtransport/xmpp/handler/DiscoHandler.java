package net.icqtransport.xmpp.handler;

import java.util.List;
import java.util.Objects;
import net.icqtransport.xmpp.user.XmppUsers;
import java.util.Set;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.disco.ContactFeatures;
import net.icqtransport.xmpp.disco.DiscoInfo;
import net.icqtransport.xmpp.disco.EntityCaps;
import net.icqtransport.xmpp.disco.Identity;
import net.icqtransport.xmpp.disco.RoomFeatures;
import net.icqtransport.xmpp.disco.TransportFeatures;
import net.icqtransport.xmpp.disco.TransportPresentation;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/**
 * Service discovery (XEP-0030). The transport says it is an ICQ gateway, or an AIM one
 * ({@link TransportPresentation}, {@link TransportFeatures}), contact
 * JIDs that they are clients ({@link ContactFeatures}); the same lists give the XEP-0115 hash that presences
 * carry, and disco#info on {@code node#ver} (XEP-0115 §6.2) answers with them.
 *
 * <p>Ad-hoc commands (XEP-0050 §2): the domain's only item is the commands node, whose items are the
 * commands the requester may run; disco#info on a command's node says it is a command node (§2.2). Other
 * nodes are unknown, and contacts have no items. A room JID is an ICQ chat room ({@link RoomFeatures},
 * XEP-0045 §6.4).
 */
public final class DiscoHandler implements IqHandler {

  /** What a command's node is (XEP-0050 §2.2). */
  private static final DiscoInfo COMMAND_NODE = new DiscoInfo(
      List.of(Identity.of("automation", "command-node", null)), List.of(Namespaces.COMMANDS, Namespaces.DATA_FORMS));

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final CommandRegistry commands;
  private final XmppUsers users;
  private final DiscoInfo transportInfo;
  private final EntityCaps transportCaps;

  public DiscoHandler(StanzaSender sender, TransportAddresses addresses, CommandRegistry commands, XmppUsers users,
      TransportPresentation presentation) {
    this.users = Objects.requireNonNull(users, "users");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.transportInfo = TransportFeatures.info(Objects.requireNonNull(presentation, "presentation"));
    this.transportCaps = EntityCaps.transport(presentation);
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (request.getType() != IQ.Type.get) {
      throw new StanzaException(PacketError.Condition.bad_request, "Service discovery is get-only");
    }
    Element query = request.getChildElement();
    String node = query.attributeValue("node");
    IQ result = IQ.createResultIQ(request);
    Element answer = result.setChildElement("query", query.getNamespaceURI());
    if (recipient.isRoom()) {
      room(recipient, node, answer);
      sender.send(result);
      return;
    }
    DiscoInfo info = recipient.isTransport() ? transportInfo : ContactFeatures.INFO;
    EntityCaps caps = recipient.isTransport() ? transportCaps : EntityCaps.CONTACT;
    if (node != null) {
      answer.addAttribute("node", node); // XEP-0115 §6.2, XEP-0050 §2.2: the answer names the node asked about
    }
    boolean isInfo = Namespaces.DISCO_INFO.equals(query.getNamespaceURI());
    if (isInfo && (node == null || node.equals(caps.nodeVer()))) {
      info.appendTo(answer);
    } else if (isInfo && recipient.isTransport() && commands.find(node).isPresent()) {
      COMMAND_NODE.appendTo(answer);
    } else if (!isInfo && node == null) {
      if (recipient.isTransport()) {
        item(answer, Namespaces.COMMANDS, "Commands");
        // XEP-0045 §6.3: the rooms the asking user is in (OSCAR servers list no public rooms to clients).
        users.find(addresses.userOf(request.getFrom())).ifPresent(user -> user.rooms().forEach(joined ->
            answer.addElement("item").addAttribute("jid", addresses.roomJid(joined.room()).toString())
                .addAttribute("name", joined.room().name())));
      }
    } else if (!isInfo && recipient.isTransport() && node.equals(Namespaces.COMMANDS)) {
      commands.runnableBy(request.getFrom(), addresses.userOf(request.getFrom()))
          .forEach(command -> item(answer, command.node(), command.name()));
    } else {
      throw new StanzaException(PacketError.Condition.item_not_found, "No such node");
    }
    sender.send(result);
  }

  /**
   * A room JID (XEP-0045 §6.4): disco#info on the bare room JID names the room and its features; its items
   * (§6.5, optional) are not listed, and occupant JIDs are not discoverable.
   */
  private static void room(Recipient recipient, String node, Element answer) {
    if (node != null || recipient.roomNick() != null) {
      throw new StanzaException(PacketError.Condition.item_not_found, "No such node");
    }
    if (Namespaces.DISCO_INFO.equals(answer.getNamespaceURI())) {
      RoomFeatures.info(recipient.room()).appendTo(answer);
    }
  }

  private void item(Element query, String node, String name) {
    query.addElement("item")
        .addAttribute("jid", addresses.domain().toString())
        .addAttribute("node", node)
        .addAttribute("name", name);
  }
}
