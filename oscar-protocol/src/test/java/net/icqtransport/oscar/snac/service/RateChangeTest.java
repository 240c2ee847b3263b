package net.icqtransport.oscar.snac.service;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import org.junit.jupiter.api.Test;

/** SNAC(01,0A) and the "last time"/"state" fields of SNAC(01,07), from the iserverd dumps. */
class RateChangeTest {
  /** reference/oscar-iserverd/snac_01_0a.txt (flags 0x8000: a 6-byte prefix block precedes the data). */
  private static final String RATE_CHANGE =
      "2A 02 39 00 00 37 00 01 00 0A 80 00 85 1B 57 65 00 06 00 01 00 02 00 03 00 02 00 03 00 00 00 14"
          + "00 00 13 EC 00 00 13 88 00 00 0F A0 00 00 0B B8 00 00 13 17 00 00 17 70 00 00 00 00 00";

  @Test
  void theDumpIsAWarningForClassThree() {
    RateChange change = RateChange.decode(Snac.decode(flapPayload(RATE_CHANGE)));
    assertEquals(RateChange.Code.WARNING, change.code());
    assertEquals(new RateParameters.RateClass(3, 20, 5100, 5000, 4000, 3000, 0x1317, 6000, 0, 0),
        change.rateClass());
  }

  @Test
  void withoutLastTimeAndState() {
    byte[] payload = flapPayload(RATE_CHANGE);
    byte[] shortForm = java.util.Arrays.copyOf(payload, payload.length - 5);
    RateChange change = RateChange.decode(Snac.decode(shortForm));
    assertEquals(0x1317, change.rateClass().current());
  }

  @Test
  void truncatedOrUnknownIsAProtocolError() {
    byte[] payload = flapPayload(RATE_CHANGE);
    assertThrows(OscarProtocolException.class,
        () -> RateChange.decode(Snac.decode(java.util.Arrays.copyOf(payload, payload.length - 10))));
    payload[19] = 9;
    assertThrows(OscarProtocolException.class, () -> RateChange.decode(Snac.decode(payload)));
  }

  @Test
  void rateParametersKeepLastTimeAndState() {
    RateParameters rates = RateParameters.decode(Snac.decode(flapPayload(Dumps.RATE_PARAMS)));
    assertEquals(0xF90B, rates.classes().get(1).lastTime());
    assertEquals(0, rates.classes().get(1).state());
    assertEquals(0x5CD8, rates.classes().get(2).lastTime());
  }
}
