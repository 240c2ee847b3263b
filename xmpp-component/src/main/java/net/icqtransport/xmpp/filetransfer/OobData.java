package net.icqtransport.xmpp.filetransfer;

import java.net.URI;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.Message;

/**
 * XEP-0066 Out of Band Data in messages: {@code <x xmlns='jabber:x:oob'><url>…</url></x>}, what clients send after
 * an XEP-0363 upload (with the same URL as the body).
 */
public final class OobData {
  public static final String NAMESPACE = "jabber:x:oob";

  private OobData() {}

  /** The http(s) URL of a message's OOB element, if it has one. */
  public static Optional<URI> url(Message message) {
    Element x = message.getElement().element(QName.get("x", NAMESPACE));
    if (x == null) {
      return Optional.empty();
    }
    String text = x.elementTextTrim("url");
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      return scheme.equals("http") || scheme.equals("https") ? Optional.of(uri) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Adds the OOB element for {@code url} to a message. */
  public static void add(Message message, URI url) {
    message.addChildElement("x", NAMESPACE).addElement("url").setText(url.toString());
  }
}
