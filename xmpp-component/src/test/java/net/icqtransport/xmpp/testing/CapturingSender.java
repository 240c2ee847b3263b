package net.icqtransport.xmpp.testing;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.xmpp.packet.Packet;

/** A {@link StanzaSender} that keeps what was sent instead of writing it to a socket. */
public final class CapturingSender implements StanzaSender {
  private final List<Packet> sent = new ArrayList<>();

  @Override
  public synchronized void send(Packet packet) {
    sent.add(packet);
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
