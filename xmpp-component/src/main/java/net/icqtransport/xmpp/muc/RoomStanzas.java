package net.icqtransport.xmpp.muc;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * The stanzas an ICQ chat room sends a user's resource (XEP-0045). Every occupant, the user included, is a
 * participant without affiliation (ICQ rooms have no owners or moderators), and the room is non-anonymous:
 * each occupant's item carries the occupant's contact JID ({@code UIN@domain}), the user's own item the user's
 * full JID.
 */
public final class RoomStanzas {

  /** XEP-0045 §10.2 status codes used here. */
  public static final int NON_ANONYMOUS = 100;
  public static final int SELF = 110;
  public static final int NICK_ASSIGNED = 210;
  public static final int SYSTEM_SHUTDOWN = 332;

  private final TransportAddresses addresses;

  public RoomStanzas(TransportAddresses addresses) {
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /** The full JID of one of the user's resources (the empty resource: the bare JID). */
  public JID resourceJid(UserAddress user, String resource) {
    JID bare = addresses.userJid(user);
    return resource.isEmpty() ? bare : new JID(bare.getNode(), bare.getDomain(), resource, true);
  }

  /** The resource of a sender's JID; none counts as the empty resource. */
  public static String resourceOf(JID from) {
    return from.getResource() == null ? "" : from.getResource();
  }

  /** §7.2.3: another occupant's presence, from its occupant JID (its nickname is its ICQ number). */
  public Presence occupant(LegacyRoomId room, LegacyContactId occupant, JID to) {
    Presence presence = new Presence();
    presence.setFrom(addresses.occupantJid(room, occupant.value()));
    presence.setTo(to);
    item(presence, "participant", addresses.contactJid(occupant).toBareJID());
    return presence;
  }

  /** §7.14: another occupant left. */
  public Presence occupantGone(LegacyRoomId room, LegacyContactId occupant, JID to) {
    Presence presence = new Presence(Presence.Type.unavailable);
    presence.setFrom(addresses.occupantJid(room, occupant.value()));
    presence.setTo(to);
    item(presence, "none", addresses.contactJid(occupant).toBareJID());
    return presence;
  }

  /** §7.2.3: the user's own presence in the room, from the user's nickname, with these status codes. */
  public Presence self(LegacyRoomId room, LegacyContactId self, JID to, int... codes) {
    Presence presence = new Presence();
    presence.setFrom(addresses.occupantJid(room, self.value()));
    presence.setTo(to);
    Element x = item(presence, "participant", to.toString());
    for (int code : codes) {
      x.addElement("status").addAttribute("code", Integer.toString(code));
    }
    return presence;
  }

  /** §7.14: the user is out of the room; {@code text} (or null) is a status the user sees. */
  public Presence selfGone(LegacyRoomId room, String nick, JID to, String text, int... codes) {
    Presence presence = new Presence(Presence.Type.unavailable);
    presence.setFrom(addresses.occupantJid(room, nick));
    presence.setTo(to);
    if (text != null && !text.isBlank()) {
      presence.setStatus(text);
    }
    Element x = item(presence, "none", null);
    for (int code : codes) {
      x.addElement("status").addAttribute("code", Integer.toString(code));
    }
    return presence;
  }

  /** §7.2.15: the subject, which ends the join; ICQ rooms have none, so it is empty. */
  public Message emptySubject(LegacyRoomId room, JID to) {
    Message message = new Message();
    message.setType(Message.Type.groupchat);
    message.setFrom(addresses.roomJid(room));
    message.setTo(to);
    message.getElement().addElement("subject");
    return message;
  }

  /** §7.4: a message to the room, from its sender's occupant JID. */
  public Message groupchat(LegacyRoomId room, LegacyContactId from, JID to, String body, String id) {
    Message message = new Message();
    message.setType(Message.Type.groupchat);
    if (id != null) {
      message.setID(id);
    }
    message.setFrom(addresses.occupantJid(room, from.value()));
    message.setTo(to);
    message.setBody(body);
    return message;
  }

  private static Element item(Presence presence, String role, String jid) {
    Element x = presence.addChildElement("x", Namespaces.MUC_USER);
    Element item = x.addElement("item").addAttribute("affiliation", "none").addAttribute("role", role);
    if (jid != null) {
      item.addAttribute("jid", jid);
    }
    return x;
  }
}
