package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.icq.RecordingListener.Offline;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import org.junit.jupiter.api.Test;

/**
 * Issue #16: a screen-name account's offline messages, the AIM way (Open OSCAR Server's ICBMOfflineRetrieve):
 * 04/10 after client ready, the stored ICBMs as 04/07 with TLV 0x16, then 04/17. Also the account's own
 * spelling from the own info (01/0F).
 */
class AimOfflineMessagesTest {
  private static final LegacyContactId MARY = new LegacyContactId("maryann");

  private final FakeBosPeer peer =
      new FakeBosPeer("joeuser", Optional.of("Joe User"), List.of(), Charset.forName("windows-1252"));

  /** A channel-1 04/07 from {@code sender} with an AIM HTML body, and TLV 0x16 when {@code sentAt} is given. */
  private void icbm(String sender, String html, Instant sentAt) {
    byte[] text = html.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] data = new byte[13 + text.length];
    byte[] head = net.icqtransport.oscar.HexDump.hex("0501000101 0101" + String.format("%04x", 4 + text.length)
        + "0000 0000");
    System.arraycopy(head, 0, data, 0, 13);
    System.arraycopy(text, 0, data, 13, text.length);
    Tlv body = Tlv.ofBytes(0x02, data);
    if (sentAt == null) {
      peer.receiveIcbm(1, 1, sender, List.of(), body);
    } else {
      peer.receiveIcbm(1, 1, sender, List.of(), body, Tlv.ofU32(0x16, sentAt.getEpochSecond()));
    }
  }

  private void retrieveEnd(long requestId) {
    peer.receive(new Snac(0x04, 0x17, 0, requestId, new byte[0]));
  }

  @Test
  void asksWithAnEmpty0410AfterSignOn() {
    assertEquals(SnacType.ICBM_OFFLINE_RETRIEVE, SnacType.of(peer.offlineRequest).orElseThrow());
    assertEquals("0004 0010 0000".replace(" ", ""), toHex(peer.offlineRequest.encode()).substring(0, 12));
    assertEquals(0, peer.offlineRequest.data().length);
    peer.finish();
  }

  /** Stored ones keep their time even when it was a moment ago; a live one in between passes as live. */
  @Test
  void storedMessagesArriveTogetherWithTheirTimesAtTheEnd() throws Exception {
    Instant first = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant second = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
    icbm("Mary Ann", "<HTML><BODY>first &amp; <B>bold</B></BODY></HTML>", first);
    icbm("maryann", "second", second);
    icbm("Mary Ann", "live, meanwhile", null);
    Message live = peer.listener.await(Message.class);
    assertEquals(new Message(MARY, "live, meanwhile", null), live);
    assertTrue(peer.listener.drain().isEmpty(), "the stored ones wait for the end");

    retrieveEnd(peer.offlineRequest.requestId());
    Offline offline = peer.listener.await(Offline.class);
    assertEquals(List.of(new OfflineMessage(MARY, "first & bold", first), new OfflineMessage(MARY, "second", second)),
        offline.messages());
    offline.confirmation().confirm(); // nothing left to delete on the server: nothing is sent
    peer.assertNothingSent();

    // After the end, a message with a send time is a live one again (delayed only when clearly old).
    icbm("Mary Ann", "late", second);
    assertEquals(new Message(MARY, "late", null), peer.listener.await(Message.class));
    peer.finish();
  }

  @Test
  void nothingStoredMeansNoEvent() {
    retrieveEnd(peer.offlineRequest.requestId());
    assertTrue(peer.listener.drain().stream().noneMatch(Offline.class::isInstance));
    peer.finish();
  }

  /** A server without the AIM store refuses 04/10: the session goes on, messages stay live. */
  @Test
  void aRefusedRequestEndsTheCollection() throws Exception {
    peer.receive(new Snac(0x04, 0x01, 0, peer.offlineRequest.requestId(), new byte[] {0, 0x01}));
    Instant old = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    icbm("Mary Ann", "pushed by the server", old);
    assertEquals(new Message(MARY, "pushed by the server", old), peer.listener.await(Message.class));
    peer.finish();
  }

  @Test
  void noEndInTimeHandsOnWhatArrived() throws Exception {
    Instant when = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
    icbm("Mary Ann", "kept", when);
    peer.advance(FakeBosPeer.ACK_TIMEOUT.plus(Duration.ofSeconds(1)));
    assertEquals(List.of(new OfflineMessage(MARY, "kept", when)), peer.listener.await(Offline.class).messages());
    peer.finish();
  }

  /** The server deleted them as it sent them: a session that ends before 04/17 still hands them on, first. */
  @Test
  void whatArrivedBeforeTheSessionEndedIsHandedOnBeforeTheEnd() throws Exception {
    Instant when = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
    icbm("Mary Ann", "just before", when);
    // The server signs the account off ("signed on elsewhere", TLV 0x09 = 1) before its 04/17.
    peer.channel.writeInbound(net.icqtransport.oscar.flap.FlapFrame.of(net.icqtransport.oscar.flap.FlapChannel.SIGNOFF,
        net.icqtransport.oscar.HexDump.hex("0009 0002 0001")));
    peer.run();
    assertEquals(List.of(new OfflineMessage(MARY, "just before", when)),
        peer.listener.await(Offline.class).messages());
    Closed closed = peer.listener.await(Closed.class);
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, closed.reason());
    peer.listener.assertContractKept();
  }

  @Test
  void theOwnSpellingComesFromTheOwnInfo() {
    assertEquals(Optional.of("Joe User"), peer.session.accountDisplayName());
    // A later 01/0F (the server confirms a status change with one) may respell it; another account's is ignored.
    selfInfo("JoeUser");
    assertEquals(Optional.of("JoeUser"), peer.session.accountDisplayName());
    selfInfo("Mary Ann");
    assertEquals(Optional.of("JoeUser"), peer.session.accountDisplayName());
    peer.finish();
  }

  @Test
  void aUinHasNoOtherSpelling() {
    FakeBosPeer uin = new FakeBosPeer("111111", Optional.of("111111"), List.of(), Charset.forName("windows-1252"));
    assertEquals(Optional.empty(), uin.session.accountDisplayName());
    assertEquals(SnacType.ICQ_EXT_REQUEST, SnacType.of(uin.offlineRequest).orElseThrow());
    uin.finish();
    peer.finish();
  }

  private void selfInfo(String name) {
    peer.receive(SnacType.SERVICE_SELF_INFO, out -> {
      SnacIo.writeScreenName(out, name);
      out.writeShort(0);
      out.writeShort(1);
      Tlv.ofU16(0x01, 0x0010).writeTo(out);
    });
  }
}
