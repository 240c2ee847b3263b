package net.icqtransport.xmpp.disco;

import java.util.HashSet;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * The identities and features an entity answers a disco#info query with (XEP-0030 §3.1), and the input of
 * its XEP-0115 verification string: both are computed from the same instance so they cannot disagree.
 * Duplicates are refused because XEP-0115 §5.4 makes an entity with duplicates unverifiable.
 */
public record DiscoInfo(List<Identity> identities, List<String> features) {

  public DiscoInfo {
    identities = List.copyOf(identities);
    features = List.copyOf(features);
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("an entity has at least one identity (XEP-0030 §3.1)");
    }
    if (new HashSet<>(identities).size() != identities.size() || new HashSet<>(features).size() != features.size()) {
      throw new IllegalArgumentException("duplicate identities or features");
    }
  }

  /** Adds the {@code <identity/>} and {@code <feature/>} children to a disco#info {@code <query/>}. */
  public void appendTo(Element query) {
    for (Identity identity : identities) {
      Element element = query.addElement("identity")
          .addAttribute("category", identity.category())
          .addAttribute("type", identity.type());
      if (identity.lang() != null) {
        element.addAttribute(QName.get("lang", "xml", "http://www.w3.org/XML/1998/namespace"), identity.lang());
      }
      if (identity.name() != null) {
        element.addAttribute("name", identity.name());
      }
    }
    features.forEach(feature -> query.addElement("feature").addAttribute("var", feature));
  }
}
