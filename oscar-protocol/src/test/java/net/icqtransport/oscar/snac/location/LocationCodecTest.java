package net.icqtransport.oscar.snac.location;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** Family 0x02 queries (02/05, 02/15) and their answers (02/06, 02/01) against the iserverd reference. */
class LocationCodecTest {

  @Test
  void userInfoQueryMatchesTheDump() {
    Snac snac = new LocationInfoQuery(LocationInfoQuery.PROFILE, "somenick").toSnac(0x00040015L);
    assertEquals(toHex(flapPayload(LocationDumps.USER_INFO_QUERY)), toHex(snac.encode()));
    assertEquals(new LocationInfoQuery(1, "somenick"),
        LocationInfoQuery.decode(Snac.decode(flapPayload(LocationDumps.USER_INFO_QUERY))));
  }

  @Test
  void infoRequestMatchesTheDump() {
    Snac snac = new LocationInfoRequest(LocationInfoRequest.GENERAL, "6218895").toSnac(5);
    assertEquals(toHex(flapPayload(LocationDumps.INFO_REQUEST)), toHex(snac.encode()));
    assertEquals(new LocationInfoRequest(1, "6218895"),
        LocationInfoRequest.decode(Snac.decode(flapPayload(LocationDumps.INFO_REQUEST))));
  }

  @Test
  void theOlderRequestAsksForWhatTheFlagsAskFor() {
    assertEquals(LocationInfoRequest.GENERAL, LocationInfoRequest.typeFor(LocationInfoQuery.PROFILE));
    assertEquals(LocationInfoRequest.AWAY_MESSAGE, LocationInfoRequest.typeFor(LocationInfoQuery.AWAY_MESSAGE));
    assertEquals(LocationInfoRequest.CAPABILITIES, LocationInfoRequest.typeFor(LocationInfoQuery.CAPABILITIES));
    assertEquals(LocationInfoRequest.ONLINE, LocationInfoRequest.typeFor(0));
  }

  @Test
  void locationErrorMatchesTheDump() {
    SnacError error = SnacError.decode(Snac.decode(flapPayload(LocationDumps.LOCATION_ERROR)));
    assertEquals(0x02, error.family());
    assertEquals(0x99d00762L, error.requestId());
    assertEquals(SnacError.BUSTED_PAYLOAD, error.code());
  }

  @Test
  void userInfoWithAnAwayMessage() {
    LocationUserInfo info = LocationUserInfo.decode(Snac.decode(flapPayload(LocationDumps.USER_INFO_AWAY)));
    assertEquals("Mary Ann", info.user().screenName());
    assertEquals(0x0030, info.user().userClass().getAsInt());
    assertTrue(info.user().awayByClass());
    assertEquals(10, info.user().idleMinutes().getAsInt());
    assertEquals(Optional.of("<HTML><BODY><B>lunch</B> &amp; back</BODY></HTML>"), info.awayMessage());
    assertEquals(Optional.empty(), info.profile());
  }

  @Test
  void everyCutOfTheAnswerIsAProtocolErrorOrAShorterAnswer() {
    byte[] data = Snac.decode(flapPayload(LocationDumps.USER_INFO_AWAY)).data();
    for (int length = 0; length < data.length; length++) {
      Snac cut = new Snac(0x02, 0x06, 0, 1, Arrays.copyOf(data, length));
      try {
        LocationUserInfo info = LocationUserInfo.decode(cut);
        assertFalse(info.awayMessage().isPresent() && length < data.length, "cut at " + length + " kept the text");
      } catch (OscarProtocolException expected) {
        // as it should
      }
    }
    assertThrows(IllegalArgumentException.class, () -> LocationUserInfo.decode(new Snac(0x02, 0x05, 0, 1, data)));
  }

  @Test
  void textsAreReadByTheCharsetOfTheirMimeType() {
    assertEquals("Grüße", text("text/aolrtf; charset=\"unicode-2-0\"", "Grüße".getBytes(StandardCharsets.UTF_16BE)));
    assertEquals("Grüße", text("text/x-aolrtf; charset=\"utf-8\"", "Grüße".getBytes(StandardCharsets.UTF_8)));
    assertEquals("Grüße", text("text/aolrtf; charset=\"iso-8859-1\"", "Grüße".getBytes(StandardCharsets.ISO_8859_1)));
    // Labelled US-ASCII but 8-bit (clients do that), or no label: UTF-8 when valid, else Latin-1.
    assertEquals("Grüße", text("text/aolrtf; charset=\"us-ascii\"", "Grüße".getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("Grüße", text("text/aolrtf; charset=\"us-ascii\"", "Grüße".getBytes(StandardCharsets.UTF_8)));
    assertEquals("Grüße", text("", "Grüße".getBytes(StandardCharsets.UTF_8)));
    assertEquals("x", text("text/aolrtf; charset=no-such-charset", "x".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aBlankOrEmptyAwayMessageIsNone() {
    UserInfo mary = new UserInfo("Mary Ann", 0, TlvChain.empty());
    assertEquals(Optional.empty(), new LocationUserInfo(mary, TlvChain.of(Tlv.empty(0x04))).awayMessage());
    assertEquals(Optional.empty(), new LocationUserInfo(mary, TlvChain.of(Tlv.ofAscii(0x02, "  "))).profile());
  }

  @Test
  void queriesRefuseWhatTheWireCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> new LocationInfoQuery(1, ""));
    assertThrows(IllegalArgumentException.class, () -> new LocationInfoQuery(1L << 32, "x"));
    assertThrows(IllegalArgumentException.class, () -> new LocationInfoRequest(0x10000, "x"));
    assertThrows(OscarProtocolException.class, () -> LocationInfoQuery.decode(new Snac(0x02, 0x15, 0, 1, new byte[3])));
  }

  private static String text(String mime, byte[] bytes) {
    return LocationUserInfo.decode(mime, bytes);
  }
}
