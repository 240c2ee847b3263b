package net.icqtransport.xmpp.roster;

import java.util.Objects;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * One {@code <item/>} of a roster (RFC 6121 §2.1.2) as the component reads and writes it.
 *
 * @param jid the contact's bare JID
 * @param name the handle, or null
 * @param group the first group, or null (the transport files a contact under one ICQ group)
 * @param subscription {@code none}, {@code to}, {@code from}, {@code both}, {@code remove}, or null to leave it out
 */
public record RosterItem(JID jid, String name, String group, String subscription) {

  public RosterItem {
    Objects.requireNonNull(jid, "jid");
  }

  /** Reads an {@code <item/>} of a {@code jabber:iq:roster} query; null when it has no usable JID. */
  public static RosterItem parse(Element item) {
    String jid = item.attributeValue("jid");
    if (jid == null) {
      return null;
    }
    try {
      JID parsed = new JID(jid);
      return new RosterItem(new JID(parsed.toBareJID()), blankToNull(item.attributeValue("name")),
          blankToNull(item.elementTextTrim("group")), item.attributeValue("subscription"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Appends this item to a {@code jabber:iq:roster} {@code <query/>}. */
  public void appendTo(Element query) {
    Element item = query.addElement("item", Namespaces.ROSTER).addAttribute("jid", jid.toBareJID());
    if (name != null) {
      item.addAttribute("name", name);
    }
    if (subscription != null) {
      item.addAttribute("subscription", subscription);
    }
    if (group != null) {
      item.addElement("group", Namespaces.ROSTER).setText(group);
    }
  }

  /** Whether the user's roster already shows the contact as this item would (name and group). */
  public boolean sameView(RosterItem other) {
    return other != null && Objects.equals(name, other.name) && Objects.equals(group, other.group);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
