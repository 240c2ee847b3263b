package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.icqtransport.xmpp.ComponentSettings;
import java.nio.file.Path;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/**
 * Against a real Prosody 0.12 (XEP-0114): the first connect is retried until the server is up, the stream
 * carries stanzas both ways, and after a server restart a new stream comes up by itself.
 */
class ProsodyConnectionTest {
  private final BlockingQueue<Packet> inbound = new LinkedBlockingQueue<>();
  private final BlockingQueue<ComponentLink> links = new LinkedBlockingQueue<>();
  private static final String DOMAIN = "icq.localhost";
  private ProsodyServer prosody;
  @TempDir Path folder;
  private ConnectionSupervisor supervisor;

  @AfterEach
  void tearDown() throws Exception {
    if (supervisor != null) {
      supervisor.stop();
    }
    if (prosody != null) {
      prosody.close();
    }
  }

  @Test
  void connectsWhenTheServerComesUpAndReconnectsAfterARestart() throws Exception {
    prosody = ProsodyServer.create(folder, DOMAIN, "component-secret");
    ComponentSettings settings = new ComponentSettings(
        "127.0.0.1", prosody.componentPort(), DOMAIN, prosody.componentSecret());
    supervisor = new ConnectionSupervisor(
        new WhackConnector(settings, inbound::add),
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
        "private prosody");

    supervisor.start(); // the server is not up yet: Whack alone would throw once and give up
    Thread.sleep(500);
    prosody.start();

    assertTrue(supervisor.awaitFirstConnection(Duration.ofSeconds(20)), "first connection; log:\n" + prosody.log());
    ComponentLink first = links.poll(5, TimeUnit.SECONDS);
    assertPingAnswered(first, "p1");

    prosody.stop();
    prosody.start();

    ComponentLink second = links.poll(30, TimeUnit.SECONDS);
    assertNotNull(second, "no new stream after the server restart; log:\n" + prosody.log());
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
    throw new AssertionError("no answer to ping " + id + "; log:\n" + prosody.log());
  }
}
