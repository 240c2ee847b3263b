package net.icqtransport.xmpp.connection;

import com.google.common.io.CharStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dom4j.io.XMLWriter;
import org.xmpp.packet.Packet;

/**
 * Serializes a batch of stanzas into one text, as Whack writes a stanza (dom4j's {@link XMLWriter} with its default
 * format), so that a link hands the whole batch to its socket at once. The text's buffer is kept for the next batch
 * unless it grew large (avatars, files). It is a {@link StringBuilder}, not a {@code StringWriter}'s
 * {@code StringBuffer}, whose every {@code append} and {@code charAt} takes its lock: encoding a batch read it a char
 * at a time, 8 % of the transport's CPU in a profile (issue #20). Not thread-safe: each link guards its own.
 */
final class StanzaBatchWriter {
  /** Chars of buffer kept from one batch to the next. */
  private static final int RETAINED_TEXT = 64 * 1024;

  private StringBuilder text;
  /** Writes into {@link #text}; null when a new one is due. */
  private XMLWriter serializer;

  /**
   * The batch as XML text, valid until the next call.
   *
   * @throws RuntimeException if one of the stanzas cannot be serialized; then no text is returned for the batch
   */
  CharSequence serialize(List<Packet> stanzas) {
    if (serializer == null || text.capacity() > RETAINED_TEXT) {
      text = new StringBuilder();
      serializer = new XMLWriter(CharStreams.asWriter(text));
    }
    text.setLength(0);
    try {
      for (Packet stanza : stanzas) {
        serializer.write(stanza.getElement());
      }
    } catch (IOException e) { // appending to a StringBuilder does not throw it
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      serializer = null; // it may have stopped inside an element
      throw e;
    }
    return text;
  }
}
