package net.icqtransport.oscar.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.icqtransport.core.legacy.DisconnectReason;
import org.junit.jupiter.api.Test;

/** Channel-4 frames on an established connection (OSCAR-ICQ.md "FLAP": TLV 0x09 reason, TLV 0x0B URL). */
class ServerSignOffTest {

  private static ServerSignOff parse(String hex) {
    return ServerSignOff.parse(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  @Test
  void signedOnElsewhereWithATwoByteReasonAndUrl() {
    ServerSignOff signOff = parse("0009 0002 0001 000B 0012 687474703a2f2f6963712e636f6d2f6d756c");
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, signOff.reason());
    assertEquals("signed on from another location (http://icq.com/mul)", signOff.detail());
  }

  @Test
  void aOneByteReasonCountsToo() {
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, parse("0009 0001 01").reason());
  }

  @Test
  void otherReasonsAreClosedByServerWithCodeAndUrl() {
    ServerSignOff signOff = parse("0009 0002 0005 000B 000E 687474703a2f2f782e6f72672f6d");
    assertEquals(DisconnectReason.CLOSED_BY_SERVER, signOff.reason());
    assertEquals("closed by the server (reason 0x0005), see http://x.org/m", signOff.detail());
  }

  @Test
  void aBrokenTlvAfterTheReasonKeepsTheReason() {
    ServerSignOff signOff = parse("0009 0002 0001 000B 00FF 6874");
    assertEquals(DisconnectReason.SIGNED_ON_ELSEWHERE, signOff.reason());
    assertTrue(signOff.url().isEmpty());
  }

  @Test
  void emptyOrBrokenFramesAreAPlainClose() {
    for (String hex : new String[] {"", "0009", "0009 0005 0001", "0009 0003 000001"}) {
      ServerSignOff signOff = parse(hex);
      assertEquals(DisconnectReason.CLOSED_BY_SERVER, signOff.reason(), hex);
      assertTrue(signOff.code().isEmpty(), hex);
      assertEquals("closed by the server", signOff.detail(), hex);
    }
  }
}
