package net.icqtransport.xmpp.connection;

import java.util.Objects;
import java.util.function.Consumer;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * The Tinder {@link Component} Whack delivers inbound stanzas to. It only hands each stanza on (to the
 * ordered dispatcher); the lifecycle calls are no-ops because the {@link ConnectionSupervisor}, not Whack,
 * decides what a (re)connection means. Deliberately not Tinder's {@code AbstractComponent}: its executor
 * reorders stanzas and drops them when its 1,000-slot queue is full.
 */
final class InboundComponent implements Component {
  private final Consumer<Packet> sink;

  InboundComponent(Consumer<Packet> sink) {
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public String getName() {
    return "ICQ Transport";
  }

  @Override
  public String getDescription() {
    return "ICQ transport (XEP-0100 gateway)";
  }

  @Override
  public void processPacket(Packet packet) {
    sink.accept(packet);
  }

  @Override
  public void initialize(JID jid, ComponentManager componentManager) {
    // nothing to do: the supervisor owns the lifecycle
  }

  @Override
  public void start() {
    // nothing to do: the supervisor announces new links
  }

  @Override
  public void shutdown() {
    // nothing to do: the supervisor announces lost links
  }
}
