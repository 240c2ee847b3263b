package net.icqtransport.oscar.oft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HexFormat;
import net.icqtransport.oscar.snac.location.Capability;
import org.junit.jupiter.api.Test;

/** Rendezvous proxy packets (libpurple peer_proxy.c ProxyFrame): golden bytes and round trips. */
class OftProxyFrameTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void initiateSendGoldenBytes() {
    OftProxyFrame frame = OftProxyFrame.initiateSend("100001", 0x0102030405060708L, Capability.SEND_FILE.guid());
    assertEquals("002d" + "044a" + "0002" + "00000000" + "0000"
        + "06313030303031" + "0102030405060708" + "00010010" + "094613434c7f11d18222444553540000",
        HEX.formatHex(frame.toBytes()));
  }

  @Test
  void roundTrips() throws Exception {
    Inet4Address address = (Inet4Address) InetAddress.getByName("127.0.0.1");
    for (OftProxyFrame frame : new OftProxyFrame[] {
        OftProxyFrame.initiateSend("100001", 42, Capability.SEND_FILE.guid()),
        OftProxyFrame.initiateReceive("100002", 0x1234, 42, Capability.SEND_FILE.guid()),
        OftProxyFrame.acknowledge(0x1234, address), OftProxyFrame.ready(), OftProxyFrame.error(0x0D)}) {
      assertEquals(frame, OftProxyFrame.read(new ByteArrayInputStream(frame.toBytes())));
    }
    OftProxyFrame ack = OftProxyFrame.acknowledge(0x1234, address);
    assertEquals("0010044a00030000000000001234" + "7f000001", HEX.formatHex(ack.toBytes()));
    assertEquals(0x1234, ack.pin());
    assertEquals(address, ack.address());
    OftProxyFrame.Initiation receive =
        OftProxyFrame.initiateReceive("100002", 0x1234, 42, Capability.SEND_FILE.guid()).initiation();
    assertEquals(new OftProxyFrame.Initiation("100002", 0x1234, 42), receive);
  }

  @Test
  void refusesOtherVersionsAndLengths() {
    byte[] ready = OftProxyFrame.ready().toBytes();
    ready[3] = 0x4B;
    assertThrows(OftException.class, () -> OftProxyFrame.read(new ByteArrayInputStream(ready)));
    assertThrows(OftException.class, () -> OftProxyFrame.read(new ByteArrayInputStream(HEX.parseHex("0004044a"))));
  }
}
