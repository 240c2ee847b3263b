package net.icqtransport.xmpp.connection;

import com.fasterxml.aalto.AsyncByteBufferFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * Reads an XMPP stream (RFC 6120 §4) as its bytes arrive, without a thread that waits for them: the stream's
 * opening tag, each top-level element (a stanza, {@code <handshake/>}, {@code <stream:error/>}) as a dom4j
 * element once it is complete, and the stream's closing tag. Uses aalto-xml's non-blocking parser; whitespace
 * between stanzas (keepalives) is skipped. A document type declaration is refused (RFC 6120 §11.1), and so is a
 * stanza over {@code maxStanzaBytes}.
 *
 * <p>Not thread-safe: fed by one channel's event loop.
 */
final class XmppStreamParser {
  /** The stream's namespace (RFC 6120 §4.8.1). */
  static final String STREAMS_NAMESPACE = "http://etherx.jabber.org/streams";

  /** What the parser finds, in stream order. */
  interface Listener {
    /** The opening {@code <stream:stream>} tag, with its attributes by local name (e.g. {@code id}). */
    void streamOpened(Map<String, String> attributes);

    /** A complete top-level element. */
    void element(Element element);

    /** The closing {@code </stream:stream>} tag. */
    void streamClosed();
  }

  /**
   * The namespaces of a stream's content (RFC 6120 §4.8.2, XEP-0114 §3): stanzas and their own children come in
   * one of them by default, and are built with no namespace, as Tinder's packets are made and as Whack's reader
   * builds them, so that a child copied into a stanza the transport sends (a status, a body) is written without a
   * foreign {@code xmlns} that a client would take for an extension.
   */
  private static final Set<String> CONTENT_NAMESPACES =
      Set.of("jabber:component:accept", "jabber:client", "jabber:server");
  private static final AsyncXMLInputFactory FACTORY = newFactory();
  private static final DocumentFactory DOCUMENTS = DocumentFactory.getInstance();

  private final AsyncXMLStreamReader<AsyncByteBufferFeeder> reader = FACTORY.createAsyncForByteBuffer();
  private final Listener listener;
  private final long maxStanzaBytes;
  /** The element being built (depth 2 and below), or null between stanzas. */
  private Element current;
  /** 0 before the stream opens, 1 inside it, 2 and more inside a stanza. */
  private int depth;
  /** Where the current stanza began, in bytes of the stream. */
  private long stanzaStart;
  private long fed;

  XmppStreamParser(Listener listener, long maxStanzaBytes) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.maxStanzaBytes = maxStanzaBytes;
  }

  /**
   * Parses {@code bytes} (all of them, before returning) and reports what they complete.
   *
   * @throws XMLStreamException if the stream is not well-formed XML, declares a document type, or a stanza is
   *     too large; the stream cannot go on
   */
  void feed(ByteBuffer bytes) throws XMLStreamException {
    int length = bytes.remaining();
    reader.getInputFeeder().feedInput(bytes);
    fed += length;
    int event;
    while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
      handle(event);
    }
    if (current != null && fed - stanzaStart > maxStanzaBytes) {
      throw new XMLStreamException("a stanza of more than " + maxStanzaBytes + " bytes");
    }
  }

  /** Releases the parser's buffers; nothing may be fed after this. */
  void close() {
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // nothing held that needs it
    }
  }

  private void handle(int event) throws XMLStreamException {
    switch (event) {
      case XMLStreamConstants.START_ELEMENT -> startElement();
      case XMLStreamConstants.END_ELEMENT -> endElement();
      case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
        if (current != null) {
          current.addText(reader.getText());
        }
      }
      case XMLStreamConstants.DTD -> throw new XMLStreamException("a document type declaration in an XMPP stream");
      case XMLStreamConstants.END_DOCUMENT -> {
        if (depth > 0) {
          throw new XMLStreamException("the stream ended inside an element");
        }
      }
      default -> {
        // the XML declaration, comments and processing instructions carry nothing for us
      }
    }
  }

  private void startElement() throws XMLStreamException {
    depth++;
    if (depth == 1) {
      Map<String, String> attributes = new HashMap<>();
      for (int i = 0; i < reader.getAttributeCount(); i++) {
        attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
      }
      if (!"stream".equals(reader.getLocalName()) || !STREAMS_NAMESPACE.equals(reader.getNamespaceURI())) {
        throw new XMLStreamException("not an XMPP stream: it opens with " + reader.getName());
      }
      listener.streamOpened(attributes);
      return;
    }
    String namespace = reader.getNamespaceURI();
    Element element = CONTENT_NAMESPACES.contains(namespace)
        ? DOCUMENTS.createElement(reader.getLocalName())
        : DOCUMENTS.createElement(qName(reader.getLocalName(), reader.getPrefix(), namespace));
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String prefix = reader.getNamespacePrefix(i);
      if (prefix != null && !prefix.isEmpty()) {
        element.addNamespace(prefix, reader.getNamespaceURI(i));
      }
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      element.addAttribute(qName(reader.getAttributeLocalName(i), reader.getAttributePrefix(i),
          reader.getAttributeNamespace(i)), reader.getAttributeValue(i));
    }
    if (current == null) {
      stanzaStart = fed;
    } else {
      current.add(element);
    }
    current = element;
  }

  private void endElement() {
    depth--;
    if (depth == 0) {
      listener.streamClosed();
      return;
    }
    if (current == null) {
      return;
    }
    Element done = current;
    current = done.getParent();
    if (current == null) {
      listener.element(done);
    }
  }

  private static QName qName(String localName, String prefix, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return DOCUMENTS.createQName(localName);
    }
    if (XMLConstants.XML_NS_URI.equals(namespace)) {
      return DOCUMENTS.createQName(localName, Namespace.XML_NAMESPACE);
    }
    return DOCUMENTS.createQName(localName, Namespace.get(prefix == null ? "" : prefix, namespace));
  }

  private static AsyncXMLInputFactory newFactory() {
    AsyncXMLInputFactory factory = new InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }
}
