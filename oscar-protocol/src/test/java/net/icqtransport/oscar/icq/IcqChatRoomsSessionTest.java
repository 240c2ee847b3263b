package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoom;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.oscar.client.EmbeddedConnections;
import net.icqtransport.oscar.client.FlapConnection;
import net.icqtransport.oscar.client.OscarLoginResult;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.chat.ChatInvitation;
import net.icqtransport.oscar.snac.chat.ChatMessageText;
import net.icqtransport.oscar.snac.chat.ChatRoomRef;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/**
 * The session's chat side against a scripted BOS connection: chat navigation served by BOS itself (0x000D in
 * 01/03), or asked for with 01/04 and refused; how the navigation's answers and errors end a join; invitations in
 * AOL's cookie form with an HTML text. The way through a real chat connection is {@link IcqChatRoomsIntegrationTest}.
 */
class IcqChatRoomsSessionTest {
  private static final String ME = "111111";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final IcqChatRoomsIntegrationTest.Invitations listener = new IcqChatRoomsIntegrationTest.Invitations();
  private long serverRequestId = 0x10000;

  private IcqSession session(int... families) {
    channel.freezeTime();
    FlapConnection connection = EmbeddedConnections.attach(channel);
    Set<Integer> offered = new java.util.HashSet<>(Set.of(0x01, 0x02, 0x03, 0x04, 0x09, 0x13));
    for (int family : families) {
      offered.add(family);
    }
    OscarLoginResult login = new OscarLoginResult(connection, ME, new ServerFamilies(offered),
        new RateParameters(List.of(), List.of()), Optional.empty(), List.of());
    IcqNetworkSettings settings = IcqNetworkSettings.defaults("127.0.0.1")
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30))
        .withRequestTimeout(TIMEOUT);
    IcqSession session = new IcqSession(login, new LegacyContactId(ME), listener, settings);
    connection.setListener(session);
    session.start(List.of());
    channel.runPendingTasks();
    return session;
  }

  @Test
  void navigationOnBosThenTheChatConnectionIsRefused() throws Exception {
    IcqSession session = session(0x0D);
    CompletableFuture<LegacyRoom> join = session.joinRoom(LegacyRoomId.named("Lobby"), new RecordingRoomListener());
    Snac create = sent(SnacType.CHATNAV_CREATE_ROOM);
    assertTrue(HexFormat.of().formatHex(create.data()).startsWith("000406" + hex("create") + "ffff01"));

    receive(new Snac(0x0D, 0x09, 0, create.requestId(),
        data(out -> Tlv.ofBytes(0x04, room("4-0-Lobby")).writeTo(out))));
    Snac request = sent(SnacType.SERVICE_REQUEST);
    assertEquals("000e" + "0001000e" + "0004" + "09" + hex("4-0-Lobby") + "0000",
        HexFormat.of().formatHex(request.data()));

    receive(new Snac(0x01, 0x01, 0, request.requestId(), HexFormat.of().parseHex("0005")));
    Throwable refused = failure(join);
    assertInstanceOf(IllegalStateException.class, refused);
    assertTrue(refused.getMessage().contains("0x0005"), refused.getMessage());
  }

  @Test
  void navigationErrorsEndTheJoin() throws Exception {
    IcqSession session = session(0x0D);
    CompletableFuture<LegacyRoom> unknown = session.joinRoom(new LegacyRoomId(5, "Nope"), new RecordingRoomListener());
    Snac create = sent(SnacType.CHATNAV_CREATE_ROOM);
    receive(new Snac(0x0D, 0x01, 0, create.requestId(), HexFormat.of().parseHex("0014")));
    assertInstanceOf(NoSuchElementException.class, failure(unknown));

    CompletableFuture<LegacyRoom> empty = session.joinRoom(LegacyRoomId.named("Void"), new RecordingRoomListener());
    Snac second = sent(SnacType.CHATNAV_CREATE_ROOM);
    receive(new Snac(0x0D, 0x09, 0, second.requestId(), data(out -> Tlv.ofU8(0x02, 10).writeTo(out))));
    assertInstanceOf(NoSuchElementException.class, failure(empty));

    CompletableFuture<LegacyRoom> silent = session.joinRoom(LegacyRoomId.named("Silent"), new RecordingRoomListener());
    sent(SnacType.CHATNAV_CREATE_ROOM);
    channel.advanceTimeBy(TIMEOUT.plusSeconds(11).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    channel.runPendingTasks();
    assertInstanceOf(TimeoutException.class, failure(silent));
  }

  @Test
  void aServerWithoutChatNavigationMakesRoomsUnsupported() throws Exception {
    IcqSession session = session();
    CompletableFuture<LegacyRoom> join = session.joinRoom(LegacyRoomId.named("Lobby"), new RecordingRoomListener());
    Snac request = sent(SnacType.SERVICE_REQUEST);
    assertEquals("000d", HexFormat.of().formatHex(request.data()));
    receive(new Snac(0x01, 0x01, 0, request.requestId(), HexFormat.of().parseHex("0005")));
    assertInstanceOf(UnsupportedOperationException.class, failure(join));

    CompletableFuture<LegacyRoom> again = session.joinRoom(LegacyRoomId.named("Other"), new RecordingRoomListener());
    channel.runPendingTasks();
    assertInstanceOf(UnsupportedOperationException.class, failure(again));
    assertNull(channel.readOutbound(), "not asked again");
  }

  @Test
  void closingTheSessionFailsAJoinUnderWay() throws Exception {
    IcqSession session = session(0x0D);
    CompletableFuture<LegacyRoom> join = session.joinRoom(LegacyRoomId.named("Lobby"), new RecordingRoomListener());
    sent(SnacType.CHATNAV_CREATE_ROOM);
    session.close();
    channel.runPendingTasks();
    assertInstanceOf(IllegalStateException.class, failure(join));
  }

  @Test
  void invitationsInAolsCookieFormWithHtml() throws Exception {
    session();
    ChatRoomRef aol = ChatRoomRef.of(4, "!aol://2719:10-4-Book Club", 0);
    byte[] proposal = new ChatInvitation(aol, new ChatMessageText("us-ascii", "en",
        "<HTML><BODY>Join me &amp; friends</BODY></HTML>".getBytes(StandardCharsets.US_ASCII)))
        .toRendezvous(99).toBytes();
    receive(new Snac(0x04, 0x07, 0, serverRequestId++, data(out -> {
      out.writeLong(99);
      out.writeShort(2);
      SnacIo.writeScreenName(out, "Joe User");
      out.writeShort(0);
      out.writeShort(0);
      Tlv.ofBytes(0x05, proposal).writeTo(out);
    })));
    IcqChatRoomsIntegrationTest.Invitation invitation = listener.invitations.poll();
    assertEquals(new IcqChatRoomsIntegrationTest.Invitation(new LegacyContactId("joeuser"),
        new LegacyRoomId(4, "Book Club"), "Join me & friends"), invitation);
    assertNull(channel.readOutbound(), "no acknowledgement for a chat invitation");
    assertFalse(listener.invitations.iterator().hasNext());
  }

  /** Why a future the session completes on its loop failed; never blocks. */
  private Throwable failure(CompletableFuture<?> future) {
    channel.runPendingTasks();
    assertTrue(future.isDone(), "not completed");
    return assertThrows(ExecutionException.class, future::get).getCause();
  }

  private void receive(Snac snac) {
    channel.writeInbound(snac.toFrame());
    channel.runPendingTasks();
  }

  private Snac sent(SnacType type) {
    channel.runPendingTasks();
    for (FlapFrame frame = channel.readOutbound(); frame != null; frame = channel.readOutbound()) {
      Snac snac = Snac.fromFrame(frame);
      if (snac.is(type)) {
        return snac;
      }
    }
    throw new AssertionError("the session sent no " + type);
  }

  private static byte[] room(String cookie) {
    return data(out -> {
      out.writeShort(4);
      out.writeByte(cookie.length());
      out.writeBytes(cookie.getBytes(StandardCharsets.US_ASCII));
      out.writeShort(0);
      out.writeByte(2);
      TlvChain.of(Tlv.ofAscii(0xD3, "Lobby")).writeBlock(out);
    });
  }

  private static byte[] data(Consumer<ByteBuf> body) {
    ByteBuf out = io.netty.buffer.Unpooled.buffer();
    body.accept(out);
    byte[] bytes = new byte[out.readableBytes()];
    out.readBytes(bytes);
    return bytes;
  }

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
