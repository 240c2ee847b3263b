package net.icqtransport.xmpp.stanza;

/** XML namespaces the handlers speak. */
public final class Namespaces {
  /** XEP-0030 §3. */
  public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  /** XEP-0030 §4. */
  public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
  /** XEP-0077. */
  public static final String REGISTER = "jabber:iq:register";
  /** XEP-0100 §6.3 (historically XEP-0100's own, documented there). */
  public static final String GATEWAY = "jabber:iq:gateway";
  /** XEP-0092. */
  public static final String VERSION = "jabber:iq:version";
  /** XEP-0191. */
  public static final String BLOCKING = "urn:xmpp:blocking";
  /** XEP-0199. */
  public static final String PING = "urn:xmpp:ping";
  /** XEP-0004. */
  public static final String DATA_FORMS = "jabber:x:data";
  /** XEP-0203. */
  public static final String DELAY = "urn:xmpp:delay";

  /** XEP-0115 entity capabilities. */
  public static final String CAPS = "http://jabber.org/protocol/caps";
  /** XEP-0054 vcard-temp. */
  public static final String VCARD = "vcard-temp";
  /** XEP-0055 search. */
  public static final String SEARCH = "jabber:iq:search";
  /** XEP-0050 ad-hoc commands. */
  public static final String COMMANDS = "http://jabber.org/protocol/commands";
  /** RFC 6121 §2 roster management. */
  public static final String ROSTER = "jabber:iq:roster";
  /** XEP-0356 privileged entity, version 2 (and {@link #PRIVILEGE_1}, still sent by older servers). */
  public static final String PRIVILEGE_2 = "urn:xmpp:privilege:2";
  /** XEP-0356 privileged entity, version 1. */
  public static final String PRIVILEGE_1 = "urn:xmpp:privilege:1";
  /** XEP-0144 roster item exchange. */
  public static final String ROSTER_EXCHANGE = "http://jabber.org/protocol/rosterx";
  /** XEP-0172 user nickname. */
  public static final String NICK = "http://jabber.org/protocol/nick";
  /** XEP-0085 chat state notifications. */
  public static final String CHAT_STATES = "http://jabber.org/protocol/chatstates";
  /** XEP-0184 message delivery receipts. */
  public static final String RECEIPTS = "urn:xmpp:receipts";
  /** XEP-0153 vCard-based avatars: the presence element. */
  public static final String VCARD_UPDATE = "vcard-temp:x:update";
  /** XEP-0045 multi-user chat: the join element, and the feature of a room and of a chat service. */
  public static final String MUC = "http://jabber.org/protocol/muc";
  /** XEP-0045 §7: occupants' items, status codes and mediated invitations. */
  public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
  /** XEP-0249 direct MUC invitations. */
  public static final String CONFERENCE = "jabber:x:conference";
  /** XEP-0319 last user interaction in presence. */
  public static final String IDLE = "urn:xmpp:idle:1";

  private Namespaces() {}
}
