package net.icqtransport.oscar.snac.ssi;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static net.icqtransport.oscar.GoldenFrames.decode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import org.junit.jupiter.api.Test;

/** Authorization SNACs 13/14, 13/18, 13/19, 13/1A, 13/1B, 13/1C against the dumps. */
class SsiAuthTest {
  private static final Charset CP1251 = Charset.forName("windows-1251");

  @Test
  void requestsMatchTheDumps() {
    assertEncodes(MessagingDumps.SSI_AUTH_REQUEST,
        new SsiAuthRequest("6218896", "please").toSnac(SnacType.SSI_AUTH_REQUEST, 0x00010018));
    assertEncodes(MessagingDumps.SSI_FUTURE_AUTH,
        new SsiAuthRequest("6218895", "sure").toSnac(SnacType.SSI_FUTURE_AUTH_GRANT, 0x00010014));
    SsiAuthRequest received = SsiAuthRequest.decode(decode(MessagingDumps.SSI_AUTH_REQUEST_RECEIVED), CP1251);
    assertEquals(new SsiAuthRequest("6218895", "please"), received);
  }

  @Test
  void repliesMatchTheDumps() {
    assertEncodes(MessagingDumps.SSI_AUTH_REPLY,
        new SsiAuthReply("6218896", false, "sorry").toSnac(SnacType.SSI_AUTH_REPLY, 0x0001001A));
    SsiAuthReply received = SsiAuthReply.decode(decode(MessagingDumps.SSI_AUTH_REPLY_RECEIVED), CP1251);
    assertEquals(new SsiAuthReply("6218895", false, "sorry"), received);
    Snac granted = new SsiAuthReply("100002", true, "ok").toSnac(SnacType.SSI_AUTH_REPLY_RECEIVED, 1);
    assertTrue(SsiAuthReply.decode(granted, CP1251).granted());
  }

  @Test
  void youWereAddedMatchesTheDump() {
    Snac snac = decode(MessagingDumps.SSI_YOU_WERE_ADDED);
    assertEquals(new SsiYouWereAdded("6218895"), SsiYouWereAdded.decode(snac));
    assertEncodes(MessagingDumps.SSI_YOU_WERE_ADDED, new SsiYouWereAdded("6218895").toSnac(0x0001001C));
  }

  @Test
  void reasonsAreUtf8OutAndUtf8OrCodepageIn() {
    Snac utf8 = new SsiAuthRequest("100002", "Привет").toSnac(SnacType.SSI_AUTH_REQUEST_RECEIVED, 1);
    assertEquals("Привет", SsiAuthRequest.decode(utf8, CP1251).reason());
    byte[] cp1251 = "Привет".getBytes(CP1251);
    byte[] data = new byte[1 + 6 + 2 + cp1251.length + 2];
    data[0] = 6;
    System.arraycopy("100002".getBytes(StandardCharsets.US_ASCII), 0, data, 1, 6);
    data[8] = (byte) cp1251.length;
    System.arraycopy(cp1251, 0, data, 9, cp1251.length);
    assertEquals("Привет", SsiAuthRequest.decode(new Snac(0x13, 0x19, 0, 1, data), CP1251).reason());
    assertFalse(new SsiAuthRequest("100002", "secret words").toString().contains("secret"));
  }

  @Test
  void truncatedInputIsAProtocolError() {
    byte[] request = decode(MessagingDumps.SSI_AUTH_REQUEST_RECEIVED).data();
    byte[] reply = decode(MessagingDumps.SSI_AUTH_REPLY_RECEIVED).data();
    for (int cut = 0; cut < 8; cut++) {
      byte[] partRequest = Arrays.copyOf(request, cut);
      assertThrows(OscarProtocolException.class,
          () -> SsiAuthRequest.decode(new Snac(0x13, 0x19, 0, 1, partRequest), CP1251), "cut at " + cut);
      byte[] partReply = Arrays.copyOf(reply, cut);
      assertThrows(OscarProtocolException.class,
          () -> SsiAuthReply.decode(new Snac(0x13, 0x1B, 0, 1, partReply), CP1251), "cut at " + cut);
    }
    byte[] cutReason = Arrays.copyOf(request, 12);
    assertThrows(OscarProtocolException.class,
        () -> SsiAuthRequest.decode(new Snac(0x13, 0x19, 0, 1, cutReason), CP1251));
    assertThrows(OscarProtocolException.class,
        () -> SsiYouWereAdded.decode(new Snac(0x13, 0x1C, 0, 1, new byte[] {7, '1'})));
  }
}
