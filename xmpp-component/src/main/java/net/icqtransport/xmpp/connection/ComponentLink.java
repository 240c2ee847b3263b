package net.icqtransport.xmpp.connection;

import java.util.List;
import org.xmpp.packet.Packet;

/** One authenticated XEP-0114 stream to the server; a new link is made for every (re)connection. */
public interface ComponentLink {

  /**
   * Writes stanzas to the stream in their order and hands them to the socket together, so that a burst of
   * stanzas costs one socket write rather than one each.
   *
   * @return how many of them, counted from the first, were handed to the socket: all of them, or fewer if the
   *     link is closed or broke while writing (the others should be sent again on the next link)
   * @throws RuntimeException if one of them cannot be serialized; then none of them was written
   */
  int write(List<Packet> stanzas);

  /** Writes one stanza; true if it was handed to the socket (see {@link #write(List)}). */
  default boolean write(Packet stanza) {
    return write(List.of(stanza)) == 1;
  }

  /**
   * Whether {@link #write} called on this thread returns without waiting for the socket (a link on this thread's
   * event loop): then a thread may write its own stanzas instead of waking a writer to do it.
   */
  default boolean writesWithoutWaiting() {
    return false;
  }

  /** Blocks until the link is lost or closed. */
  void awaitClosed() throws InterruptedException;

  /** Whether the link is still usable. */
  boolean isOpen();

  /** Closes the stream ({@code </stream:stream>}) and the socket; idempotent. */
  void close();
}
