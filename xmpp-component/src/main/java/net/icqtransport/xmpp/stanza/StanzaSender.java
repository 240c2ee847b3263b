package net.icqtransport.xmpp.stanza;

import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.Packet;

/**
 * Where handlers and the user endpoint put outbound stanzas. Implementations are thread-safe, never block
 * for long, never drop a stanza, and send stanzas in the order they were given.
 */
@FunctionalInterface
public interface StanzaSender {

  void send(Packet packet);

  /**
   * Sends like {@link #send} and tells when the stanza was written to the server's socket: the future fails
   * if it never will be (the sender was stopped). Senders that do not write themselves complete at once.
   */
  default CompletableFuture<Void> sendConfirmed(Packet packet) {
    send(packet);
    return CompletableFuture.completedFuture(null);
  }
}
