package net.icqtransport.xmpp.connection;

import org.xmpp.packet.Packet;

/** One authenticated XEP-0114 stream to the server; a new link is made for every (re)connection. */
public interface ComponentLink {

  /**
   * Writes a stanza to the stream.
   *
   * @return false if the link is closed or broke while writing (the stanza should be sent again on the next
   *     link); true if it was handed to the socket
   */
  boolean write(Packet packet);

  /** Blocks until the link is lost or closed. */
  void awaitClosed() throws InterruptedException;

  /** Whether the link is still usable. */
  boolean isOpen();

  /** Closes the stream ({@code </stream:stream>}) and the socket; idempotent. */
  void close();
}
