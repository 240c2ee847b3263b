package net.icqtransport.xmpp.disco;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.Presence;

/**
 * Entity capabilities (XEP-0115): the {@code <c hash='sha-1' node=… ver=…/>} an entity puts into its
 * presence, {@code ver} being the verification string of §5.1 computed from its {@link DiscoInfo}. A client
 * that has not seen a {@code ver} asks {@code disco#info} with {@code node='node#ver'} (§6.2), which
 * {@link net.icqtransport.xmpp.handler.DiscoHandler} answers.
 *
 * <p>Extended information (XEP-0128 forms, §5.1 step 6) is not part of the hash: neither the transport nor
 * its contacts publish any.
 */
public record EntityCaps(String node, String ver) {

  // Before TRANSPORT and CONTACT: static fields initialize in order, and computing them needs it.
  private static final Comparator<String> OCTETS =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  /** The software's node URI (§4: "a URI that identifies the software"). */
  public static final String NODE = "https://github.com/icqtransport/icq-transport";

  /** The transport's own capabilities as an ICQ gateway (the default presentation). */
  public static final EntityCaps TRANSPORT = of(TransportFeatures.INFO);
  /** The transport's own capabilities as an AIM gateway: its identity differs, so does the hash. */
  private static final EntityCaps TRANSPORT_AIM = of(TransportFeatures.info(TransportPresentation.AIM));
  /** Every contact JID's capabilities. */
  public static final EntityCaps CONTACT = of(ContactFeatures.INFO);

  public EntityCaps {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(ver, "ver");
  }

  /** The transport's own capabilities in {@code presentation}. */
  public static EntityCaps transport(TransportPresentation presentation) {
    return presentation == TransportPresentation.AIM ? TRANSPORT_AIM : TRANSPORT;
  }

  /** The capabilities of the software at {@link #NODE} with this disco#info. */
  public static EntityCaps of(DiscoInfo info) {
    return new EntityCaps(NODE, verificationString(info));
  }

  /** The node a client asks disco#info about to learn what {@link #ver} stands for (§6.2). */
  public String nodeVer() {
    return node + "#" + ver;
  }

  /** Adds {@code <c/>} to a presence (§4). */
  public void addTo(Presence presence) {
    Element c = presence.addChildElement("c", Namespaces.CAPS);
    c.addAttribute("hash", "sha-1");
    c.addAttribute("node", node);
    c.addAttribute("ver", ver);
  }

  /**
   * The verification string of XEP-0115 §5.1: identities sorted by category, type and xml:lang, each as
   * {@code category/type/lang/name<}; then the features sorted, each as {@code feature<}; all in "i;octet"
   * order (§5.1 steps 2 and 4), SHA-1 hashed over UTF-8 and Base64 encoded.
   */
  public static String verificationString(DiscoInfo info) {
    StringBuilder s = new StringBuilder();
    List<Identity> identities = info.identities().stream()
        .sorted(Comparator.comparing(Identity::category, OCTETS)
            .thenComparing(Identity::type, OCTETS)
            .thenComparing(identity -> nullToEmpty(identity.lang()), OCTETS))
        .toList();
    for (Identity identity : identities) {
      s.append(identity.category()).append('/').append(identity.type()).append('/')
          .append(nullToEmpty(identity.lang())).append('/').append(nullToEmpty(identity.name())).append('<');
    }
    info.features().stream().sorted(OCTETS).forEach(feature -> s.append(feature).append('<'));
    return Base64.getEncoder().encodeToString(sha1(s.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] sha1(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
