package net.icqtransport.xmpp.privilege;

import java.util.Objects;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.router.MessageListener;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Reads the server's privilege announcement (XEP-0356 §4.2, {@code urn:xmpp:privilege:2} as Prosody's
 * mod_privilege sends it, or {@code :1}), sent to the component right after it connects:
 *
 * <pre>{@code
 * <message from='example.org' to='icq.example.org'>
 *   <privilege xmlns='urn:xmpp:privilege:2'><perm access='roster' type='both'/>…</privilege>
 * </message>
 * }</pre>
 *
 * Only a server (a bare domain) may grant; every other message goes on to the next listener.
 */
public final class PrivilegeMessageListener implements MessageListener {
  private static final Logger LOG = LoggerFactory.getLogger(PrivilegeMessageListener.class);

  private final PrivilegeGrants grants;
  private final MessageListener next;

  public PrivilegeMessageListener(PrivilegeGrants grants, MessageListener next) {
    this.grants = Objects.requireNonNull(grants, "grants");
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handle(Message message, Recipient recipient) {
    Element privilege = privilegeOf(message);
    if (privilege == null) {
      next.handle(message, recipient);
      return;
    }
    JID from = message.getFrom();
    if (!recipient.isTransport() || from == null || from.getNode() != null || from.getResource() != null) {
      LOG.warn("Ignoring a privilege announcement from {}: only a server may grant privileges", from);
      return;
    }
    RosterPermission roster = RosterPermission.NONE;
    for (Element perm : privilege.elements("perm")) {
      if ("roster".equals(perm.attributeValue("access"))) {
        roster = RosterPermission.ofType(perm.attributeValue("type"));
      }
    }
    grants.grantRoster(from.getDomain(), roster);
    LOG.info("Server {} grants the roster permission {} ({})", from.getDomain(), roster, privilege.getNamespaceURI());
  }

  private static Element privilegeOf(Message message) {
    Element element = message.getElement().element(QName.get("privilege", Namespaces.PRIVILEGE_2));
    return element != null ? element : message.getElement().element(QName.get("privilege", Namespaces.PRIVILEGE_1));
  }
}
