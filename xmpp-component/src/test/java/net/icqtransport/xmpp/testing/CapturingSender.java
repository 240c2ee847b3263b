package net.icqtransport.xmpp.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.Packet;

/** A {@link StanzaSender} that keeps what was sent instead of writing it to a socket. */
public final class CapturingSender implements StanzaSender {
  private final List<Packet> sent = new ArrayList<>();
  private boolean failConfirmed;

  @Override
  public synchronized void send(Packet packet) {
    sent.add(packet);
  }

  /** Confirmed sends fail at once and send nothing, as without a link to the server; plain sends go on. */
  @Override
  public synchronized CompletableFuture<Void> sendConfirmed(Packet packet) {
    if (failConfirmed) {
      return CompletableFuture.failedFuture(new IllegalStateException("no connection to the XMPP server"));
    }
    send(packet);
    return CompletableFuture.completedFuture(null);
  }

  /** From now on {@link #sendConfirmed} fails. */
  public synchronized void failConfirmedSends() {
    failConfirmed = true;
  }

  public synchronized List<Packet> sent() {
    return List.copyOf(sent);
  }

  /** Everything sent, as one string, to check that nothing secret went out. */
  public synchronized String allXml() {
    StringBuilder out = new StringBuilder();
    sent.forEach(p -> out.append(p.toXML()).append('\n'));
    return out.toString();
  }

  public synchronized void clear() {
    sent.clear();
  }
}
