package net.icqtransport.xmpp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dom4j.Attribute;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** Stanzas from XML text, and structural comparison of stanzas with expected XML text. */
public final class Stanzas {

  private Stanzas() {}

  /** Parses a stanza the way it arrives from the server. */
  public static Packet parse(String xml) {
    Element root = element(xml);
    return switch (root.getName()) {
      case "iq" -> new IQ(root);
      case "message" -> new Message(root);
      case "presence" -> new Presence(root);
      default -> throw new IllegalArgumentException("not a stanza: " + root.getName());
    };
  }

  /**
   * Asserts that the stanza has exactly the expected structure: names, namespaces (the stanza's own is
   * ignored), attributes (order ignored), trimmed text and children in order.
   */
  public static void assertStanza(String expectedXml, Packet actual) {
    Element expected = element(expectedXml);
    String diff = difference(expected, actual.getElement(), "/" + expected.getName(), true);
    if (diff != null) {
      fail(diff + "\nexpected: " + expected.asXML() + "\nactual:   " + actual.toXML());
    }
  }

  /** Asserts each stanza in turn; the counts must match too. */
  public static void assertStanzas(List<? extends Packet> actual, String... expectedXml) {
    StringBuilder all = new StringBuilder();
    actual.forEach(p -> all.append("\n  ").append(p.toXML()));
    assertEquals(expectedXml.length, actual.size(), "number of stanzas sent; got:" + all);
    for (int i = 0; i < expectedXml.length; i++) {
      assertStanza(expectedXml[i], actual.get(i));
    }
  }

  private static Element element(String xml) {
    try {
      return DocumentHelper.parseText(xml).getRootElement();
    } catch (DocumentException e) {
      throw new IllegalArgumentException("bad test XML: " + xml, e);
    }
  }

  private static String difference(Element expected, Element actual, String path, boolean root) {
    if (!expected.getName().equals(actual.getName())) {
      return path + ": element " + actual.getName() + " instead of " + expected.getName();
    }
    if (!root && !expected.getNamespaceURI().equals(actual.getNamespaceURI())) {
      return path + ": namespace '" + actual.getNamespaceURI() + "' instead of '" + expected.getNamespaceURI() + "'";
    }
    Map<String, String> expectedAttributes = attributes(expected);
    Map<String, String> actualAttributes = attributes(actual);
    if (!expectedAttributes.equals(actualAttributes)) {
      return path + ": attributes " + actualAttributes + " instead of " + expectedAttributes;
    }
    List<Element> expectedChildren = expected.elements();
    List<Element> actualChildren = actual.elements();
    if (expectedChildren.isEmpty() && actualChildren.isEmpty()) {
      if (!expected.getTextTrim().equals(actual.getTextTrim())) {
        return path + ": text '" + actual.getTextTrim() + "' instead of '" + expected.getTextTrim() + "'";
      }
      return null;
    }
    if (expectedChildren.size() != actualChildren.size()) {
      return path + ": " + actualChildren.size() + " children instead of " + expectedChildren.size();
    }
    for (int i = 0; i < expectedChildren.size(); i++) {
      String diff = difference(expectedChildren.get(i), actualChildren.get(i),
          path + "/" + expectedChildren.get(i).getName() + "[" + i + "]", false);
      if (diff != null) {
        return diff;
      }
    }
    return null;
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> map = new HashMap<>();
    for (Attribute attribute : element.attributes()) {
      map.put(attribute.getQualifiedName(), attribute.getValue());
    }
    return map;
  }
}
