package net.icqtransport.xmpp.disco;

import java.util.List;
import net.icqtransport.xmpp.stanza.Namespaces;

/**
 * What the transport's domain is (XEP-0030): a gateway (category {@code gateway}, type {@code icq} or, presented
 * as AIM, {@code aim}: XEP-0100 §3 and the XMPP registry of disco categories, see {@link TransportPresentation}),
 * also a chat service (category {@code conference}, type {@code text}, XEP-0045 §6.1: its room JIDs are chat
 * rooms), and the features its handlers serve. The one list that {@link net.icqtransport.xmpp.handler.DiscoHandler}
 * answers with and {@link EntityCaps} hashes; add a feature here when a handler starts serving it.
 */
public final class TransportFeatures {

  private static final List<String> FEATURES = List.of(
      Namespaces.DISCO_INFO, Namespaces.DISCO_ITEMS, Namespaces.CAPS, Namespaces.REGISTER, Namespaces.GATEWAY,
      Namespaces.VERSION, Namespaces.PING, Namespaces.VCARD, Namespaces.SEARCH, Namespaces.COMMANDS,
      Namespaces.DATA_FORMS, Namespaces.BLOCKING, Namespaces.MUC);

  /** The domain's identities and features as an ICQ gateway (the default presentation), in the order listed. */
  public static final DiscoInfo INFO = info(TransportPresentation.ICQ);

  private TransportFeatures() {}

  /** The domain's identity in {@code presentation} and its features, in the order they are listed. */
  public static DiscoInfo info(TransportPresentation presentation) {
    return new DiscoInfo(List.of(presentation.identity(),
        Identity.of("conference", "text", presentation == TransportPresentation.AIM ? "AIM chat rooms" : "ICQ chat rooms")),
        FEATURES);
  }
}
