package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import net.icqtransport.xmpp.ComponentSettings;
import net.icqtransport.xmpp.testing.EjabberdServer;
import net.icqtransport.xmpp.testing.ProsodyServer;
import net.icqtransport.xmpp.testing.XmppTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * Against a real Prosody 0.12 and a real ejabberd 23.01 (XEP-0114), with each connector: the first connect is
 * retried until the server is up, the stream carries stanzas both ways, and after a server restart a new stream
 * comes up by itself.
 */
class ComponentConnectionTest {
  private final BlockingQueue<Packet> inbound = new LinkedBlockingQueue<>();
  private final BlockingQueue<ComponentLink> links = new LinkedBlockingQueue<>();
  private static final String DOMAIN = "icq.localhost";
  private XmppTestServer server;
  @TempDir Path folder;
  private ConnectionSupervisor supervisor;

  @AfterEach
  void tearDown() throws Exception {
    if (supervisor != null) {
      supervisor.stop();
    }
    if (server != null) {
      server.close();
    }
  }

  static Stream<Arguments> serversAndConnectors() {
    List<Named<Function<Path, XmppTestServer>>> servers = List.of(
        Named.of("Prosody", folder -> ProsodyServer.create(folder, DOMAIN, "component-secret")),
        Named.of("ejabberd", folder -> EjabberdServer.create(DOMAIN, "component-secret")));
    return servers.stream().flatMap(server -> Connectors.both().map(connector -> Arguments.of(server, connector)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("serversAndConnectors")
  void connectsWhenTheServerComesUpAndReconnectsAfterARestart(Function<Path, XmppTestServer> serverFactory,
      Connectors.Factory connector) throws Exception {
    server = serverFactory.apply(folder);
    ComponentSettings settings = new ComponentSettings(
        "127.0.0.1", server.componentPort(), DOMAIN, server.componentSecret());
    supervisor = new ConnectionSupervisor(
        connector.apply(settings, inbound::add),
        BackoffPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(400)),
        new ConnectionListener() {
          @Override
          public void connected(ComponentLink link) {
            links.add(link);
          }

          @Override
          public void disconnected(ComponentLink link) {}
        },
        Sleeper.SYSTEM,
        Math::random,
        "private test server");

    supervisor.start(); // the server is not up yet: Whack's manager alone would throw once and give up
    Thread.sleep(500);
    server.start();

    assertTrue(supervisor.awaitFirstConnection(Duration.ofSeconds(20)), "first connection; log:\n" + server.log());
    ComponentLink first = links.poll(5, TimeUnit.SECONDS);
    assertPingAnswered(first, "p1");

    server.stop();
    server.start();

    ComponentLink second = links.poll(30, TimeUnit.SECONDS);
    assertNotNull(second, "no new stream after the server restart; log:\n" + server.log());
    assertEquals(2, supervisor.connectionCount());
    assertPingAnswered(second, "p2");
  }

  /** XEP-0199 ping from the component to the server: proves the handshake and both directions work. */
  private void assertPingAnswered(ComponentLink link, String id) throws InterruptedException {
    IQ ping = new IQ(IQ.Type.get, id);
    ping.setFrom(DOMAIN);
    ping.setTo("localhost");
    ping.setChildElement("ping", "urn:xmpp:ping");
    assertTrue(link.write(ping));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Packet packet = inbound.poll(100, TimeUnit.MILLISECONDS);
      if (packet instanceof IQ answer && id.equals(answer.getID())) {
        assertEquals(IQ.Type.result, answer.getType(), answer.toXML());
        return;
      }
    }
    throw new AssertionError("no answer to ping " + id + "; log:\n" + server.log());
  }
}
