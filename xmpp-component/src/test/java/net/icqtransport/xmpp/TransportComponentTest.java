package net.icqtransport.xmpp;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanza;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.MessageRejectedException;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.SessionState;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.connection.FakeLink;
import net.icqtransport.xmpp.disco.EntityCaps;
import net.icqtransport.xmpp.testing.Stanzas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.xmpp.packet.Packet;

/** The facade wired to a fake connection: probes after each connect, inbound routing, stop. */
class TransportComponentTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final String RESTARTING_ERROR = "<error type='wait'>"
      + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
      + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>" + TransportComponent.RESTARTING + "</text></error>";

  private final Gateway gateway = mock(Gateway.class);
  private final BlockingQueue<FakeLink> links = new LinkedBlockingQueue<>();
  private volatile Consumer<Packet> inbound;
  private final TransportComponent component = new TransportComponent(
      new ComponentSettings("127.0.0.1", 5347, "icq.localhost", "secret", Duration.ofMillis(10), Duration.ofMillis(50)),
      sink -> {
        inbound = sink;
        return links::take;
      },
      duration -> {});

  @AfterEach
  void stop() {
    component.stop();
  }

  /** The component with no registered users, started and connected over a new fake link. */
  private FakeLink connected() throws InterruptedException {
    when(gateway.registeredUsers()).thenReturn(List.of());
    component.attach(gateway);
    FakeLink link = new FakeLink();
    links.add(link);
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));
    return link;
  }

  @Test
  void probesRegisteredUsersAfterEveryConnection() throws Exception {
    when(gateway.registeredUsers()).thenReturn(List.of(ALICE));
    component.attach(gateway);
    FakeLink first = new FakeLink();
    links.add(first);

    component.start();

    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));
    assertStanza("<presence type='probe' from='icq.localhost' to='alice@localhost'/>", first.awaitWritten(1).get(0));

    FakeLink second = new FakeLink();
    links.add(second);
    first.drop();

    assertStanza("<presence type='probe' from='icq.localhost' to='alice@localhost'/>", second.awaitWritten(1).get(0));
  }

  @Test
  void inboundStanzasAreAnsweredOverTheLink() throws Exception {
    FakeLink link = connected();

    inbound.accept(Stanzas.parse("<iq type='get' id='x1' from='alice@localhost/pc' to='icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>"));

    assertStanza("<iq type='result' id='x1' from='icq.localhost' to='alice@localhost/pc'/>", link.awaitWritten(1).get(0));
  }

  @Test
  void messagesOfOneSenderReachTheGatewayInOrder() throws Exception {
    List<String> texts = Collections.synchronizedList(new ArrayList<>());
    when(gateway.registeredUsers()).thenReturn(List.of());
    when(gateway.parseContactId(anyString())).thenAnswer(i -> new LegacyContactId(i.getArgument(0)));
    when(gateway.registration(any())).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("100001"), "pw"), Instant.EPOCH)));
    when(gateway.sendMessage(any(), any(), anyString())).thenAnswer(i -> {
      texts.add(i.getArgument(2));
      return CompletableFuture.completedFuture(null);
    });
    // Order is the subject here, not the per-user rate limit: room for all 2,000 at once.
    component.restrictAccess(new net.icqtransport.xmpp.access.AccessSettings(java.util.Set.of(), 10_000, 10_000, 10, 64 * 1024));
    component.attach(gateway);
    links.add(new FakeLink());
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));

    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      expected.add("n" + i);
      inbound.accept(Stanzas.parse("<message type='chat' from='alice@localhost/pc' to='123456@icq.localhost'><body>n" + i + "</body></message>"));
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (texts.size() < expected.size() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, texts);
  }

  @Test
  void stopShowsTheTransportOfflineToUsersShownOnline() throws Exception {
    FakeLink link = connected();
    component.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    link.awaitWritten(1);

    component.stop();

    List<Packet> written = link.written();
    assertStanza("<presence type='unavailable' from='icq.localhost' to='alice@localhost'>"
        + "<status>The transport is shutting down</status></presence>", written.get(written.size() - 1));
  }

  /**
   * Issue #21: a stanza the server wrote as the transport stopped was handled after the stream closed (here its
   * handler waits for the registration store, which answers only then), and its error reply was dropped with
   * "Stopped: not sending a message". Now a stanza read after the stop began is answered by the component at
   * once, and the stream closes only after the answer was written.
   */
  @Test
  void aStanzaReadWhileTheComponentStopsIsAnsweredBeforeTheStreamCloses() throws Exception {
    FakeLink link = new FakeLink();
    when(gateway.registeredUsers()).thenReturn(List.of());
    when(gateway.parseContactId(anyString())).thenAnswer(i -> new LegacyContactId(i.getArgument(0)));
    when(gateway.registration(any())).thenAnswer(i -> {
      link.awaitClosed(10, TimeUnit.SECONDS); // a slow store: it answers once the stream is closed
      return Optional.of(new Registration(ALICE, new LegacyCredentials(new LegacyContactId("100001"), "pw"),
          Instant.EPOCH));
    });
    when(gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.failedFuture(
        new MessageRejectedException(MessageRejectedException.Reason.NOT_CONNECTED, "shutting down")));
    component.attach(gateway);
    links.add(link);
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));
    component.sessionStateChanged(ALICE, SessionState.ONLINE, null);
    link.awaitWritten(1);
    // The server's next stanza arrives as the stop shows alice the transport going offline.
    link.onWrite(written -> {
      if (written instanceof org.xmpp.packet.Presence presence && presence.getType() != null) {
        inbound.accept(Stanzas.parse("<message type='chat' id='m1' from='alice@localhost/pc' to='123456@icq.localhost'>"
            + "<body>hi</body></message>"));
      }
    });

    component.stop();

    List<Packet> written = link.written();
    assertStanza("<message type='error' id='m1' from='123456@icq.localhost' to='alice@localhost/pc'><body>hi</body>"
        + RESTARTING_ERROR + "</message>", written.get(written.size() - 1));
  }

  @Test
  void whatWasReadBeforeTheStopReachesTheGatewayAndWhatComesAfterIsAnsweredByTheComponent() throws Exception {
    when(gateway.registeredUsers()).thenReturn(List.of());
    when(gateway.parseContactId(anyString())).thenAnswer(i -> new LegacyContactId(i.getArgument(0)));
    when(gateway.hasSession(ALICE)).thenReturn(false);
    when(gateway.registration(any())).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("100001"), "pw"), Instant.EPOCH)));
    when(gateway.sendMessage(any(), any(), anyString())).thenReturn(CompletableFuture.completedFuture(null));
    component.takeUsersOver(); // several instances: no probe once stopping, though alice has no session here
    component.attach(gateway);
    FakeLink link = new FakeLink();
    links.add(link);
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));
    inbound.accept(Stanzas.parse("<message type='chat' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<body>before</body></message>"));

    component.stopTakingWork();

    verify(gateway).sendMessage(ALICE, new LegacyContactId("123456"), "before");
    List<Packet> beforeTheStop = link.awaitWritten(1);
    assertStanza("<presence type='probe' from='icq.localhost' to='alice@localhost'/>", beforeTheStop.get(0));
    inbound.accept(Stanzas.parse("<message type='chat' id='m2' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<body>after</body></message>"));
    inbound.accept(Stanzas.parse("<iq type='get' id='v1' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<vCard xmlns='vcard-temp'/></iq>"));
    inbound.accept(Stanzas.parse("<presence from='alice@localhost/pc' to='icq.localhost'/>"));
    inbound.accept(Stanzas.parse("<message type='chat' from='alice@localhost/pc' to='123456@icq.localhost'>"
        + "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>"));
    inbound.accept(Stanzas.parse("<message type='error' id='x' from='alice@localhost' to='123456@icq.localhost'>"
        + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>"));

    Stanzas.assertStanzas(link.awaitWritten(4).subList(1, 4),
        "<message type='error' id='m2' from='123456@icq.localhost' to='alice@localhost/pc'><body>after</body>"
            + RESTARTING_ERROR + "</message>",
        "<iq type='error' id='v1' from='123456@icq.localhost' to='alice@localhost/pc'>" + RESTARTING_ERROR + "</iq>",
        "<presence type='error' from='icq.localhost' to='alice@localhost/pc'>" + RESTARTING_ERROR + "</presence>");
    verify(gateway, never()).sendMessage(ALICE, new LegacyContactId("123456"), "after");
    verify(gateway, never()).userAvailable(any(), anyString(), org.mockito.ArgumentMatchers.anyInt(),
        any(LegacyStatus.class), any());
    verify(gateway, timeout(5_000)).sendTyping(any(), any(), any()); // needs no answer: routed as usual
    component.stop();
    assertEquals(4, link.written().size(), "no probe, nothing else: " + link.written());
  }

  @Test
  void aDeliveredMessageThatCannotBeWrittenFailsSoTheBridgeKeepsIt() throws Exception {
    when(gateway.registeredUsers()).thenReturn(List.of());
    component.attach(gateway);
    FakeLink link = new FakeLink();
    link.failWritesFrom(0); // the server is gone: nothing gets written
    links.add(link);
    component.start();
    assertTrue(component.awaitConnected(Duration.ofSeconds(5)));

    CompletableFuture<Void> delivered = component.deliverMessage(ALICE, new LegacyContactId("123456"), "hi", null);

    // Failed, not left waiting in memory: the bridge keeps it in its durable outbox and redelivers it,
    // with a delay stamp, at the user's next available presence (the answer to the probe after the reconnect).
    assertThrows(ExecutionException.class, () -> delivered.get(5, TimeUnit.SECONDS));
    assertTrue(link.written().isEmpty());
  }

  @Test
  void aDeliveredMessageCompletesWhenWritten() throws Exception {
    FakeLink link = connected();

    component.deliverMessage(ALICE, new LegacyContactId("123456"), "hi", null).get(5, TimeUnit.SECONDS);

    Packet written = link.written().get(0);
    assertNotNull(written.getID(), "an id, for matching a bounce");
    assertStanza("<message type='chat' id='" + written.getID() + "' from='123456@icq.localhost' to='alice@localhost'>"
        + "<body>hi</body></message>", written);
  }

  @Test
  void aBounceOfAWrittenMessageIsHandedBackToTheGateway() throws Exception {
    FakeLink link = connected();
    Instant before = Instant.now();
    component.deliverMessage(ALICE, new LegacyContactId("123456"), "hi", null).get(5, TimeUnit.SECONDS);
    String id = link.written().get(0).getID();

    // Prosody without mod_offline, alice offline (RFC 6121 §8.5.2.1.1): the message comes back.
    inbound.accept(Stanzas.parse("<message type='error' id='" + id + "' from='alice@localhost' to='123456@icq.localhost'>"
        + "<body>hi</body><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
        + "</error></message>"));

    ArgumentCaptor<Instant> time = ArgumentCaptor.forClass(Instant.class);
    verify(gateway, timeout(5_000)).undeliverable(eq(ALICE), eq(new LegacyContactId("123456")), eq("hi"), time.capture());
    assertFalse(time.getValue().isBefore(before), "its original time: when it was written");
    assertEquals(1, link.written().size(), "an error is never answered");
  }

  @Test
  void startNeedsAGateway() {
    assertThrows(IllegalStateException.class, component::start);
  }

  @Test
  void transportPresenceCarriesEntityCaps() throws Exception {
    FakeLink link = connected();

    component.sessionStateChanged(ALICE, SessionState.ONLINE, null);

    assertStanza("<presence from='icq.localhost' to='alice@localhost'>"
        + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='" + EntityCaps.NODE + "' ver='"
        + EntityCaps.TRANSPORT.ver() + "'/></presence>", link.awaitWritten(1).get(0));
  }
}
