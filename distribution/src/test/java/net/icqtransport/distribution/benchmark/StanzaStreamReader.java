package net.icqtransport.distribution.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XMPP stream (RFC 6120 §4) from a socket with StAX, one top-level stanza at a time. Blocking; used
 * by one thread. Good enough for the benchmark's stand-ins, which see only the simple stanzas they expect.
 */
final class StanzaStreamReader {
  private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

  static {
    FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    FACTORY.setProperty(XMLInputFactory.IS_COALESCING, true);
  }

  private final XMLStreamReader reader;

  StanzaStreamReader(InputStream in) throws IOException {
    try {
      reader = FACTORY.createXMLStreamReader(in, "UTF-8");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** Reads up to the stream header and returns its attributes. */
  Map<String, String> readStreamHeader() throws IOException {
    try {
      while (reader.hasNext()) {
        if (reader.next() == XMLStreamConstants.START_ELEMENT) {
          return attributes();
        }
      }
      throw new IOException("the stream ended before its header");
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  /** The next top-level stanza, or null when the stream ends. */
  RawStanza next() throws IOException {
    try {
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.END_ELEMENT || event == XMLStreamConstants.END_DOCUMENT) {
          return null; // </stream:stream>
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          return stanza();
        }
      }
      return null;
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }

  private RawStanza stanza() throws XMLStreamException {
    String name = reader.getLocalName();
    Map<String, String> attributes = attributes();
    Map<String, String> children = new HashMap<>();
    int depth = 1;
    String child = null;
    StringBuilder text = new StringBuilder();
    while (depth > 0) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth == 2) {
          child = reader.getLocalName();
          text.setLength(0);
        }
      } else if (event == XMLStreamConstants.CHARACTERS && depth == 2) {
        text.append(reader.getText());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        if (depth == 2 && child != null) {
          children.putIfAbsent(child, text.toString());
        }
        depth--;
      }
    }
    return new RawStanza(name, attributes, children);
  }

  private Map<String, String> attributes() {
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
    }
    return attributes;
  }
}
