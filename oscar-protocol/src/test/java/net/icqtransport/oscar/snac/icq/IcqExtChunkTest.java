package net.icqtransport.oscar.snac.icq;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static net.icqtransport.oscar.GoldenFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import org.junit.jupiter.api.Test;

/** Family 0x15 offline-message chunks (15/02 0x003C / 0x003E, 15/03 0x0041 / 0x0042) against the dumps. */
class IcqExtChunkTest {
  private static final long UIN = 6218895;

  @Test
  void requestAndDeleteMatchTheDumps() {
    assertEncodes(MessagingDumps.OFFLINE_REQUEST,
        new IcqExtChunk(UIN, IcqExtChunk.OFFLINE_MESSAGES_REQUEST, 2, new byte[0])
            .toSnac(SnacType.ICQ_EXT_REQUEST, 0, 0x00010002));
    assertEncodes(MessagingDumps.OFFLINE_DELETE,
        new IcqExtChunk(UIN, IcqExtChunk.OFFLINE_MESSAGES_DELETE, 7, new byte[0])
            .toSnac(SnacType.ICQ_EXT_REQUEST, 0, 0x00060002));
  }

  @Test
  void parsesAnOfflineMessageAndTheEnd() {
    Snac snac = decode(MessagingDumps.OFFLINE_MESSAGE);
    IcqExtChunk chunk = IcqExtChunk.decode(snac);
    assertEquals(UIN, chunk.uin());
    assertEquals(IcqExtChunk.OFFLINE_MESSAGE, chunk.type());
    assertEquals(2, chunk.sequence());
    OfflineMessageRecord record = OfflineMessageRecord.decode(chunk.body());
    assertEquals(1001, record.senderUin());
    assertEquals(Instant.parse("2002-12-12T06:29:00Z"), record.sentAt().orElseThrow());
    assertEquals(1, record.type());
    String text = new String(record.text(), StandardCharsets.US_ASCII);
    assertTrue(text.startsWith("test plaintext offline message from \r\nuin1001"), text);
    assertTrue(text.endsWith("GMT\r\n"), text);
    assertEncodes(MessagingDumps.OFFLINE_MESSAGE, chunk.toSnac(SnacType.ICQ_EXT_REPLY, 1, 0x00010002));
    assertEquals(record, OfflineMessageRecord.decode(record.toBytes()));

    IcqExtChunk end = IcqExtChunk.decode(decode(MessagingDumps.OFFLINE_END));
    assertEquals(IcqExtChunk.OFFLINE_MESSAGES_END, end.type());
    assertEquals(1, end.body().length);
  }

  @Test
  void impossibleDatesHaveNoTime() {
    OfflineMessageRecord record = new OfflineMessageRecord(1001, 2002, 13, 40, 0, 0, 1, 0, new byte[0]);
    assertFalse(record.sentAt().isPresent());
  }

  @Test
  void truncatedInputIsAProtocolError() {
    byte[] body = IcqExtChunk.decode(decode(MessagingDumps.OFFLINE_MESSAGE)).body();
    for (int cut = 0; cut < body.length - 1; cut++) {
      byte[] part = Arrays.copyOf(body, cut);
      assertThrows(OscarProtocolException.class, () -> OfflineMessageRecord.decode(part), "cut at " + cut);
    }
    byte[] data = decode(MessagingDumps.OFFLINE_END).data();
    for (int cut = 0; cut < data.length; cut++) {
      Snac part = new Snac(0x15, 0x03, 0, 1, Arrays.copyOf(data, cut));
      assertThrows(OscarProtocolException.class, () -> IcqExtChunk.decode(part), "cut at " + cut);
    }
  }
}
