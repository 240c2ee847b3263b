package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** The non-blocking reader of the component stream (RFC 6120 §4, XEP-0114 §3) fed as a socket delivers it. */
class XmppStreamParserTest {
  private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
      + " xmlns='jabber:component:accept' from='icq.localhost' id='3BF96D32'>";

  private final List<String> events = new ArrayList<>();
  private final List<Element> elements = new ArrayList<>();
  private final XmppStreamParser parser = new XmppStreamParser(new XmppStreamParser.Listener() {
    @Override
    public void streamOpened(Map<String, String> attributes) {
      events.add("opened id=" + attributes.get("id"));
    }

    @Override
    public void element(Element element) {
      events.add("element " + element.getName());
      elements.add(element);
    }

    @Override
    public void streamClosed() {
      events.add("closed");
    }
  }, 1024);

  @Test
  void stanzasCutAtEveryByteComeOutWholeAndInOrder() throws Exception {
    String stanzas = "<handshake/> \n<message to='12345@icq.localhost' from='jülia@example.org/ü' id='m1' type='chat'>"
        + "<body>Привет, &lt;ICQ&gt; &amp; 😀</body><active xmlns='http://jabber.org/protocol/chatstates'/></message>"
        + " <presence from='a@example.org' to='icq.localhost' xml:lang='de'><status><![CDATA[<away>]]></status></presence>"
        + "</stream:stream>";
    byte[] bytes = (HEADER + stanzas).getBytes(StandardCharsets.UTF_8);

    for (byte b : bytes) { // one byte at a time: every cut, inside tags, entities and UTF-8 sequences
      parser.feed(ByteBuffer.wrap(new byte[] {b}));
    }

    assertEquals(List.of("opened id=3BF96D32", "element handshake", "element message", "element presence", "closed"),
        events);
    Message message = new Message(elements.get(1));
    assertEquals("Привет, <ICQ> & 😀", message.getBody());
    assertEquals("jülia@example.org/ü", message.getFrom().toString());
    assertEquals("", elements.get(1).getNamespaceURI(), "the stream's own namespace is not kept on its stanzas");
    assertEquals("", elements.get(1).element("body").getNamespaceURI());
    assertEquals("http://jabber.org/protocol/chatstates", elements.get(1).element("active").getNamespaceURI());
    Element presence = elements.get(2);
    assertEquals("de", presence.attributeValue(org.dom4j.QName.get("lang", org.dom4j.Namespace.XML_NAMESPACE)));
    assertEquals("<away>", presence.elementText("status"));
  }

  @Test
  void aStanzaCompletedByTheSameReadAsTheNextOneIsReportedAtOnce() throws Exception {
    parser.feed(bytes(HEADER + "<iq type='get' id='1'/><iq type='get' id='2'/><iq type='get' id='"));
    assertEquals(List.of("opened id=3BF96D32", "element iq", "element iq"), events);
    parser.feed(bytes("3'/>"));
    assertEquals("3", elements.get(2).attributeValue("id"));
  }

  @Test
  void aChildOfAStanzaCopiedIntoAnotherIsWrittenWithoutTheStreamsNamespace() throws Exception {
    parser.feed(bytes(HEADER + "<presence from='a@example.org/r' to='icq.localhost'><status>out</status>"
        + "<c xmlns='http://jabber.org/protocol/caps' node='n' ver='v' hash='sha-1'/></presence>"));
    org.xmpp.packet.Presence outbound = new org.xmpp.packet.Presence();
    outbound.getElement().add(elements.get(0).element("status").createCopy());
    outbound.getElement().add(elements.get(0).element("c").createCopy());

    assertEquals("<presence><status>out</status><c xmlns=\"http://jabber.org/protocol/caps\" node=\"n\" ver=\"v\""
        + " hash=\"sha-1\"/></presence>", outbound.toXML());
  }

  @Test
  void aDocumentTypeDeclarationIsRefused() {
    assertThrows(XMLStreamException.class,
        () -> parser.feed(bytes("<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY a 'aaaa'>]>" + HEADER)));
  }

  @Test
  void aStanzaOverTheLimitEndsTheStream() throws Exception {
    parser.feed(bytes(HEADER + "<message><body>"));
    XMLStreamException tooLarge = assertThrows(XMLStreamException.class, () -> parser.feed(bytes("x".repeat(2000))));
    assertTrue(tooLarge.getMessage().contains("more than 1024 bytes"), tooLarge.getMessage());
  }

  @Test
  void aStreamThatIsNotAnXmppStreamIsRefused() {
    XMLStreamException refused = assertThrows(XMLStreamException.class, () -> parser.feed(bytes("<html><body>")));
    assertTrue(refused.getMessage().contains("not an XMPP stream"), refused.getMessage());
  }

  @Test
  void xmlThatIsNotWellFormedIsRefused() throws Exception {
    parser.feed(bytes(HEADER));
    assertThrows(XMLStreamException.class, () -> parser.feed(bytes("<message></presence>")));
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
