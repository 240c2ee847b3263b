package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.icqtransport.core.legacy.OfflineMessage;
import net.icqtransport.oscar.HexDump;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.icq.RecordingListener.AuthRequested;
import net.icqtransport.oscar.icq.RecordingListener.Offline;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.icbm.IcqMessageTypes;
import net.icqtransport.oscar.snac.icq.IcqExtChunk;
import net.icqtransport.oscar.snac.icq.OfflineMessageRecord;
import org.junit.jupiter.api.Test;

/**
 * Offline messages (15/02 0x003C → 15/03 0x0041 … 0x0042): handed to the bridge with a confirmation, deleted
 * (15/02 0x003E) only when it is confirmed.
 */
class IcqOfflineMessagesTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");
  private static final long ME = Long.parseLong(FakeBosPeer.ME);

  private final FakeBosPeer peer = new FakeBosPeer(List.of(), CP1251);

  private void stored(int sequence, long from, int type, byte[] text) {
    OfflineMessageRecord record = new OfflineMessageRecord(from, 2024, 6, 1, 12, 30, type, 0, text);
    peer.receive(new IcqExtChunk(ME, IcqExtChunk.OFFLINE_MESSAGE, sequence, record.toBytes())
        .toSnac(SnacType.ICQ_EXT_REPLY, 1, 1));
  }

  private void end(int sequence) {
    peer.receive(new IcqExtChunk(ME, IcqExtChunk.OFFLINE_MESSAGES_END, sequence, new byte[] {0})
        .toSnac(SnacType.ICQ_EXT_REPLY, 0, 1));
  }

  @Test
  void asksForThemAfterSignOn() {
    IcqExtChunk request = IcqExtChunk.decode(peer.offlineRequest);
    assertEquals(ME, request.uin());
    assertEquals(IcqExtChunk.OFFLINE_MESSAGES_REQUEST, request.type());
    assertEquals(0, request.body().length);
    peer.finish();
  }

  @Test
  void deliversThemAndDeletesThemOnlyOnConfirmation() throws Exception {
    int sequence = IcqExtChunk.decode(peer.offlineRequest).sequence();
    stored(sequence, 222222, IcqMessageTypes.PLAIN, "Привет 😀".getBytes(StandardCharsets.UTF_8));
    stored(sequence, 333333, IcqMessageTypes.PLAIN, "Привет".getBytes(CP1251));
    stored(sequence, 444444, IcqMessageTypes.AUTH_REQUEST, "n\u00FEf\u00FEl\u00FEe\u00FE1\u00FEplease"
        .getBytes(StandardCharsets.ISO_8859_1));
    peer.assertNothingSent();
    end(sequence);
    assertEquals(id("444444"), peer.listener.await(AuthRequested.class).contact());

    Offline offline = peer.listener.await(Offline.class);
    Instant when = Instant.parse("2024-06-01T12:30:00Z");
    assertEquals(List.of(new OfflineMessage(id("222222"), "Привет 😀", when),
        new OfflineMessage(id("333333"), "Привет", when)), offline.messages());
    peer.assertNothingSent();

    offline.confirmation().confirm();
    IcqExtChunk delete = IcqExtChunk.decode(peer.sent(SnacType.ICQ_EXT_REQUEST));
    assertEquals(IcqExtChunk.OFFLINE_MESSAGES_DELETE, delete.type());
    assertEquals(ME, delete.uin());
    offline.confirmation().confirm();
    peer.assertNothingSent();
    peer.finish();
  }

  @Test
  void neverDeletesWithoutConfirmation() throws Exception {
    stored(2, 222222, IcqMessageTypes.PLAIN, "hello".getBytes(StandardCharsets.US_ASCII));
    end(2);
    Offline offline = peer.listener.await(Offline.class);
    peer.assertNothingSent();
    peer.finish();
    offline.confirmation().confirm(); // too late: the session is gone
    assertTrue(peer.drainSent().isEmpty());
  }

  @Test
  void noMessagesNoEventAndNothingDeleted() {
    end(2);
    assertTrue(peer.listener.drain().stream().noneMatch(Offline.class::isInstance));
    peer.assertNothingSent();
    peer.finish();
  }

  @Test
  void theReferenceMessageAndUnreadableOnes() throws Exception {
    peer.receive(Snac.decode(HexDump.flapPayload(MessagingDumps.OFFLINE_MESSAGE)));
    peer.receive(new IcqExtChunk(ME, IcqExtChunk.OFFLINE_MESSAGE, 2, new byte[] {1, 2, 3})
        .toSnac(SnacType.ICQ_EXT_REPLY, 1, 1));
    peer.receive(Snac.decode(HexDump.flapPayload(MessagingDumps.OFFLINE_END)));
    List<OfflineMessage> messages = peer.listener.await(Offline.class).messages();
    assertEquals(1, messages.size());
    assertEquals(id("1001"), messages.get(0).from());
    assertEquals(Instant.parse("2002-12-12T06:29:00Z"), messages.get(0).sentAt());
    assertTrue(messages.get(0).text().startsWith("test plaintext offline message"));
    assertTrue(messages.get(0).text().endsWith("GMT\r\n"), "only the NUL is stripped");
    assertTrue(peer.channel.isOpen());
    peer.finish();
  }
}
