package net.icqtransport.xmpp.disco;

import java.util.List;
import net.icqtransport.xmpp.stanza.Namespaces;

/**
 * What the transport's domain is (XEP-0030): an ICQ gateway (category {@code gateway}, type {@code icq},
 * XEP-0100 §3 and the XMPP registry of disco categories), also a chat service (category {@code conference},
 * type {@code text}, XEP-0045 §6.1: its room JIDs are ICQ chat rooms), and the features its handlers serve. The one list
 * that {@link net.icqtransport.xmpp.handler.DiscoHandler} answers with and {@link EntityCaps} hashes; add a
 * feature here when a handler starts serving it.
 */
public final class TransportFeatures {

  /** The domain's identities and features, in the order they are listed. */
  public static final DiscoInfo INFO = new DiscoInfo(
      List.of(Identity.of("gateway", "icq", "ICQ Transport"), Identity.of("conference", "text", "ICQ chat rooms")),
      List.of(
          Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.CAPS, Namespaces.REGISTER, Namespaces.GATEWAY,
          Namespaces.VERSION, Namespaces.PING, Namespaces.VCARD, Namespaces.SEARCH, Namespaces.COMMANDS,
          Namespaces.DATA_FORMS, Namespaces.BLOCKING, Namespaces.MUC));

  private TransportFeatures() {}
}
