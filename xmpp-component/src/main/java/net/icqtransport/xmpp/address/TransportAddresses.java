package net.icqtransport.xmpp.address;

import java.util.Objects;
import java.util.function.Function;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The one owner of address translation (XEP-0100 §6.1): the transport is {@code icq.example.org}, contact
 * {@code 100002} is {@code 100002@icq.example.org} (resource ignored), and a user is known to the core by the
 * stringprepped bare JID, e.g. {@code Alice@Example.org/Home} → {@code alice@example.org}.
 *
 * <p>An AIM screen name's id is its normalized form (the network's parser: {@code Foo Bar} → {@code foobar}), so
 * its JID is {@code foobar@icq.example.org}. Whatever a JID node cannot hold is JID-escaped (XEP-0106, see
 * {@link JidEscaping}): a node a user types as {@code foo\20bar} reads back as {@code foo bar}, which the parser
 * normalizes to the same {@code foobar}. The round trip with the real parser is tested in the distribution
 * ({@code ContactAddressRoundTripTest}), as this module must not see the OSCAR one.
 *
 * <p>ICQ chat rooms (issue #18, XEP-0045 §4.1 room JIDs): a room of exchange 4 (user rooms, the only exchange
 * served) is {@code #} + its name, the whole JID-escaped, e.g. {@code Tea Room} → {@code #tea\20room@icq.example.org}
 * (nodeprep lower-cases it; OSCAR compares room names case-insensitively, as {@link LegacyRoomId} does). The
 * {@code #} cannot start a UIN (digits) or a screen name, so room and contact JIDs never collide. An occupant's
 * JID is the room JID with the occupant's nickname as resource; on ICQ a nickname is the occupant's ICQ number.
 */
public final class TransportAddresses {

  /** What starts a room JID's local part. */
  static final String ROOM_PREFIX = "#";

  private final JID domain;
  private final Function<String, LegacyContactId> contactParser;

  /**
   * @param domain the component's domain
   * @param contactParser parses a JID's local part into a contact id; throws IllegalArgumentException if it
   *     is none (the gateway's {@code parseContactId})
   */
  public TransportAddresses(String domain, Function<String, LegacyContactId> contactParser) {
    this.domain = new JID(null, Objects.requireNonNull(domain, "domain"), null);
    this.contactParser = Objects.requireNonNull(contactParser, "contactParser");
  }

  /** The transport's own JID. */
  public JID domain() {
    return domain;
  }

  /**
   * The JID of a legacy contact, its id escaped per XEP-0106 §4.2.
   *
   * @throws IllegalArgumentException when the id cannot be a local part even escaped (e.g. a leading space)
   */
  public JID contactJid(LegacyContactId contact) {
    String node = JidEscaping.escapeNode(contact.value());
    // An ICQ number needs no stringprep (one per relayed message otherwise); the domain was prepared at the start.
    return PreparedAscii.isPreparedNode(node) ? new JID(node, domain.getDomain(), null, true)
        : new JID(node, domain.getDomain(), null);
  }

  /**
   * The JID of a chat room (XEP-0045 §4.1), its name after {@code #} escaped per XEP-0106 §4.2.
   *
   * @throws IllegalArgumentException when the name cannot be a local part even escaped (a trailing space)
   */
  public JID roomJid(LegacyRoomId room) {
    return new JID(JidEscaping.escapeNode(ROOM_PREFIX + room.name()), domain.getDomain(), null);
  }

  /** An occupant's JID in a room (XEP-0045 §4.1 "occupant JID"): the room JID with the nickname as resource. */
  public JID occupantJid(LegacyRoomId room, String nick) {
    return new JID(roomJid(room).getNode(), domain.getDomain(), nick);
  }

  /**
   * Whom a stanza addressed to {@code to} is for.
   *
   * @throws StanzaException item-not-found for another domain, jid-malformed when the local part does not
   *     unescape (XEP-0106 §4.3) to a contact id
   */
  public Recipient recipientOf(JID to) {
    if (to == null || !domain.getDomain().equals(to.getDomain())) {
      throw new StanzaException(PacketError.Condition.item_not_found, "This transport only serves " + domain);
    }
    String node = to.getNode();
    if (node == null) {
      return Recipient.transport();
    }
    if (node.startsWith(ROOM_PREFIX)) {
      return room(node, to.getResource());
    }
    try {
      return Recipient.contact(contactParser.apply(JidEscaping.unescapeNode(node)));
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.jid_malformed,
          "'" + node + "' is not an ICQ number or AIM screen name");
    }
  }

  private static Recipient room(String node, String nick) {
    try {
      String name = JidEscaping.unescapeNode(node).substring(ROOM_PREFIX.length());
      return Recipient.room(LegacyRoomId.named(name), nick);
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.jid_malformed, "'" + node + "' is not an ICQ chat room");
    }
  }

  /**
   * The core's key for the user who sent a stanza.
   *
   * @throws StanzaException bad-request when there is no sender or it does not stringprep
   */
  public UserAddress userOf(JID from) {
    if (from == null) {
      throw new StanzaException(PacketError.Condition.bad_request, "no sender");
    }
    String node = from.getNode();
    String fromDomain = from.getDomain();
    if (PreparedAscii.isPreparedNode(node) && PreparedAscii.isPreparedDomain(fromDomain)) {
      return new UserAddress(node == null ? fromDomain : node + "@" + fromDomain); // already canonical
    }
    try {
      // Inbound 'from' addresses are not stringprepped by Tinder; the core wants the canonical form.
      return new UserAddress(new JID(node, fromDomain, null).toBareJID());
    } catch (IllegalArgumentException e) {
      throw new StanzaException(PacketError.Condition.jid_malformed, "malformed sender address");
    }
  }

  /**
   * Whether {@code text} is a well-formed JID (RFC 7622 §3, the stringprep profiles of Tinder's {@link JID}):
   * checked without stringprep when every part is plain ASCII that stringprep leaves as it is, as most addresses
   * of relayed stanzas are.
   */
  public static boolean isWellFormed(String text) {
    if (PreparedAscii.isPreparedJid(text)) {
      return true;
    }
    try {
      new JID(text); // applies the stringprep profiles, throws IllegalArgumentException when they fail
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The bare JID to send to for a user. */
  public JID userJid(UserAddress user) {
    String bare = user.bareJid();
    int at = bare.indexOf('@');
    String node = at < 0 ? null : bare.substring(0, at);
    String userDomain = bare.substring(at + 1);
    return PreparedAscii.isPreparedNode(node) && PreparedAscii.isPreparedDomain(userDomain)
        ? new JID(node, userDomain, null, true) : new JID(bare);
  }
}
