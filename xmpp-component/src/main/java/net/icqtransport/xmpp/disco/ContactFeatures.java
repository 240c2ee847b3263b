package net.icqtransport.xmpp.disco;

import java.util.List;
import net.icqtransport.xmpp.stanza.Namespaces;

/**
 * What a contact JID ({@code UIN@domain}) is (XEP-0030): a client, with the features the transport serves on
 * contacts' behalf. The one list that {@link net.icqtransport.xmpp.handler.DiscoHandler} answers with and
 * {@link EntityCaps} hashes: features for contacts (receipts, chat states, …) are added here and nowhere
 * else.
 *
 * <p>The identity's name is the same for every contact, so all contacts share one capabilities hash and a
 * client queries it once (XEP-0115 §1.2) rather than once per contact.
 */
public final class ContactFeatures {

  /** A contact JID's identity and features, in the order they are listed. */
  public static final DiscoInfo INFO = new DiscoInfo(
      List.of(Identity.of("client", "pc", "ICQ contact")),
      List.of(Namespaces.DISCO_INFO, Namespaces.CAPS, Namespaces.PING, Namespaces.VCARD, Namespaces.CHAT_STATES,
          Namespaces.RECEIPTS, Namespaces.IDLE));

  private ContactFeatures() {}
}
