package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.icq.RecordingListener.Closed;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regressions found by {@link IcqSessionFuzzTest}: server SNACs that parse but carry nonsense must be skipped
 * like unreadable ones, and the session goes on (OscarProtocolException's contract).
 */
class IcqSessionMalformedSnacTest {

  /** An empty screen name (length 0, or only spaces) used to end the session as PROTOCOL_ERROR. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "you were added by nobody (13/1C),    0013, 001C, 0036323138383935",
      "you were added by spaces (13/1C),    0013, 001C, 032020200036",
      "typing from nobody (04/14),          0004, 0014, 0000000000000000000100000002",
      "buddy online without a name (03/0B), 0003, 000B, 0000000000",
      "auth request from nobody (13/19),    0013, 0019, 000000000000",
  })
  void aSnacNamingNobodyIsSkipped(String what, String family, String subtype, String dataHex) throws Exception {
    FakeBosPeer peer = new FakeBosPeer(List.of());
    peer.receive(new Snac(Integer.parseInt(family, 16), Integer.parseInt(subtype, 16), 0, 0x10,
        HexFormat.of().parseHex(dataHex)));
    peer.drainSent();
    assertTrue(peer.listener.drain().stream().noneMatch(Closed.class::isInstance), what + " ended the session");

    peer.receive(Snac.decode(Dumps.flapPayload(Dumps.ICBM_RECEIVE_CH1)));
    assertEquals("test plain-text message", peer.listener.await(Message.class).text());
    peer.finish();
  }
}
