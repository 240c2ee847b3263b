package net.icqtransport.xmpp.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.xmpp.component.ComponentException;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/** The component's side of the XEP-0114 §3 stream, fed as the server would answer. */
class ComponentStreamHandlerTest {
  private static final String SERVER_HEADER = "<?xml version='1.0'?><stream:stream"
      + " xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' from='icq.localhost'"
      + " id='3BF96D32'>";

  private final List<Packet> inbound = new ArrayList<>();
  private final ComponentStreamHandler handler = new ComponentStreamHandler("icq.localhost", "secret", inbound::add);
  private final EmbeddedChannel channel = new EmbeddedChannel(handler);

  @Test
  void opensTheStreamToItsDomainAndAnswersTheServersIdWithTheHashOfIdAndSecret() {
    assertEquals("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
        + " to='icq.localhost'>", written());
    assertNull(channel.readOutbound(), "nothing more before the server's header");

    receive(SERVER_HEADER);

    // SHA-1 of "3BF96D32" + "secret", lower-case hex (computed apart from this code: Python's hashlib)
    assertEquals("<handshake>b09ea9b3b7f586be8a08d0a3dd7466f110aeb136</handshake>", written());
    assertFalse(handler.authenticated().isDone());
  }

  @Test
  void stanzasAfterTheServersHandshakeReachTheSinkInStreamOrder() throws Exception {
    written();
    receive(SERVER_HEADER + "<handshake/><message from='a@example.org/r' to='123@icq.localhost' id='1'><body>one"
        + "</body></message><presence from='a@example.org/r' to='icq.localhost'/><message from='a@example.org/r' "
        + "to='123@icq.localhost' id='2'><body>two</body></message>");

    handler.authenticated().get();
    assertEquals(3, inbound.size());
    assertEquals("one", ((Message) inbound.get(0)).getBody());
    assertEquals("presence", inbound.get(1).getElement().getName());
    assertEquals("two", ((Message) inbound.get(2)).getBody());
  }

  @Test
  void aStreamErrorInsteadOfTheHandshakeFailsItWithTheServersCondition() {
    written();
    receive(SERVER_HEADER + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        + "</stream:error></stream:stream>");

    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> handler.authenticated().get());
    ComponentException refusal = assertInstanceOf(ComponentException.class, failed.getCause());
    assertEquals(StreamError.Condition.not_authorized, refusal.getStreamError().getCondition());
    written(); // the handshake
    assertEquals("</stream:stream>", written());
    assertFalse(channel.isActive());
  }

  @Test
  void aStanzaBeforeTheHandshakeIsAnsweredIsNotHandedOn() {
    written();
    receive(SERVER_HEADER + "<message from='a@example.org' to='1@icq.localhost'><body>early</body></message>");
    assertTrue(inbound.isEmpty());
  }

  @Test
  void xmlThatIsNotWellFormedEndsTheStreamAndNothingAfterItIsHandedOn() {
    written();
    receive(SERVER_HEADER + "<handshake/><message></presence><message from='a@example.org' to='1@icq.localhost'/>");
    assertTrue(inbound.isEmpty());
    assertFalse(channel.isActive());
  }

  @Test
  void aStanzaWithAMalformedAddressIsHandedOnForTheRouterToRefuseAndTheStreamGoesOn() {
    written();
    receive(SERVER_HEADER + "<handshake/><message from='not valid@example.org' to='1@icq.localhost' id='bad'>"
        + "<body>x</body></message><message from='a@example.org' to='1@icq.localhost' id='good'/>");
    assertEquals(List.of("bad", "good"), inbound.stream().map(Packet::getID).toList());
    assertTrue(channel.isActive());
  }

  @Test
  void theServerClosingItsStreamClosesTheConnection() {
    written();
    receive(SERVER_HEADER + "<handshake/></stream:stream>");
    assertFalse(channel.isActive());
  }

  private void receive(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  private String written() {
    ByteBuf bytes = channel.readOutbound();
    if (bytes == null) {
      return null;
    }
    try {
      return bytes.toString(StandardCharsets.UTF_8);
    } finally {
      bytes.release();
    }
  }
}
