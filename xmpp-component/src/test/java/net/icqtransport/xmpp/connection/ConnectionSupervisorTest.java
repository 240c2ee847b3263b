package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.icqtransport.core.tls.CertificateRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first connect is retried with backoff; a lost link is replaced; stop() ends it all. */
class ConnectionSupervisorTest {
  private final BackoffPolicy policy = new BackoffPolicy(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.0);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private ConnectionSupervisor supervisor;

  @AfterEach
  void stop() {
    if (supervisor != null) {
      supervisor.stop();
    }
  }

  @Test
  void retriesTheFirstConnectWithGrowingDelaysUntilItWorks() throws Exception {
    FakeLink link = new FakeLink();
    AtomicInteger attempts = new AtomicInteger();
    supervisor = supervisor(() -> {
      if (attempts.incrementAndGet() <= 5) {
        throw new IOException("Connection refused");
      }
      return link;
    });

    supervisor.start();

    assertTrue(supervisor.awaitFirstConnection(Duration.ofSeconds(5)));
    assertEquals("connected", events.poll(5, TimeUnit.SECONDS));
    assertEquals(6, attempts.get());
    assertEquals(List.of(ms(100), ms(200), ms(400), ms(500), ms(500)), sleeps);
    assertTrue(supervisor.isConnected());
  }

  @Test
  void retriesARefusedCertificateOnlyAtTheLongestDelay() throws Exception {
    FakeLink link = new FakeLink();
    AtomicInteger attempts = new AtomicInteger();
    supervisor = supervisor(() -> {
      if (attempts.incrementAndGet() <= 2) {
        throw new CertificateRefusedException("xmpp.example.org", CertificateRefusedException.Reason.NOT_TRUSTED,
            "PKIX path building failed", null);
      }
      return link;
    });

    supervisor.start();

    assertTrue(supervisor.awaitFirstConnection(Duration.ofSeconds(5)));
    assertEquals(List.of(ms(500), ms(500)), sleeps, "a bad certificate stays bad: no quick retries");
  }

  @Test
  void replacesALostLinkAndResetsTheBackoff() throws Exception {
    FakeLink first = new FakeLink();
    FakeLink second = new FakeLink();
    BlockingQueue<Object> script = new LinkedBlockingQueue<>(List.of(first, new IOException("down"), new IOException("down"), second));
    supervisor = supervisor(() -> {
      Object next = script.take();
      if (next instanceof Exception e) {
        throw e;
      }
      return (ComponentLink) next;
    });

    supervisor.start();
    assertEquals("connected", events.poll(5, TimeUnit.SECONDS));
    sleeps.clear();
    first.drop();

    assertEquals("disconnected", events.poll(5, TimeUnit.SECONDS));
    assertEquals("connected", events.poll(5, TimeUnit.SECONDS));
    assertEquals(2, supervisor.connectionCount());
    assertEquals(List.of(ms(100), ms(100), ms(200)), sleeps, "pause after the loss, then backoff from the start");
    assertFalse(first.isOpen());
    assertTrue(second.isOpen());
  }

  @Test
  void stopClosesTheLinkAndEndsRetrying() throws Exception {
    FakeLink link = new FakeLink();
    supervisor = supervisor(() -> link);
    supervisor.start();
    assertEquals("connected", events.poll(5, TimeUnit.SECONDS));

    supervisor.stop();

    assertFalse(link.isOpen());
    assertEquals("disconnected", events.poll(5, TimeUnit.SECONDS));
    assertEquals(null, events.poll(300, TimeUnit.MILLISECONDS), "no reconnect after stop");
  }

  @Test
  void stopWhileTheServerIsDownEndsTheRetryLoop() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    supervisor = new ConnectionSupervisor(() -> {
      attempts.incrementAndGet();
      throw new IOException("refused");
    }, policy, listener(), Sleeper.SYSTEM, () -> 0.0, "test");
    supervisor.start();
    Thread.sleep(250);

    supervisor.stop();
    int after = attempts.get();
    Thread.sleep(300);

    assertTrue(after >= 2, "kept retrying while down");
    assertEquals(after, attempts.get(), "no attempts after stop");
    assertFalse(supervisor.awaitFirstConnection(Duration.ZERO));
  }

  private ConnectionSupervisor supervisor(ComponentConnector connector) {
    return new ConnectionSupervisor(connector, policy, listener(), sleeps::add, () -> 0.0, "test");
  }

  private ConnectionListener listener() {
    return new ConnectionListener() {
      @Override
      public void connected(ComponentLink link) {
        events.add("connected");
      }

      @Override
      public void disconnected(ComponentLink link) {
        events.add("disconnected");
      }
    };
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
