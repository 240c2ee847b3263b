package net.icqtransport.xmpp.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import net.icqtransport.xmpp.ComponentSettings;
import org.junit.jupiter.api.Named;
import org.xmpp.packet.Packet;

/** Both ways to open a component stream, for tests that must hold for each: on Netty's event loops, and Whack's. */
final class Connectors {
  /** One event loop for every test of the JVM, as the transport shares its loops (daemon: it ends with the JVM). */
  static final EventLoopGroup LOOPS =
      new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("test-loop", true), NioIoHandler.newFactory());

  private Connectors() {}

  /** A connector for the settings, handing inbound stanzas to the sink. */
  interface Factory extends BiFunction<ComponentSettings, Consumer<Packet>, ComponentConnector> {}

  static Stream<Named<Factory>> both() {
    return Stream.of(
        Named.of("Netty", (settings, sink) -> new NettyConnector(settings, LOOPS, sink)),
        Named.of("Whack", WhackConnector::new));
  }
}
