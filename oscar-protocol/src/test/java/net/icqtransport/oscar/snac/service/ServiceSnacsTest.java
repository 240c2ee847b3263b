package net.icqtransport.oscar.snac.service;

import static net.icqtransport.oscar.HexDump.flapPayload;
import static net.icqtransport.oscar.HexDump.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.location.Capability;
import net.icqtransport.oscar.snac.location.LocationSetInfo;
import org.junit.jupiter.api.Test;

class ServiceSnacsTest {

  @Test
  void serverFamilies() {
    ServerFamilies families = ServerFamilies.decode(Snac.decode(flapPayload(Dumps.SERVER_FAMILIES)));
    assertEquals(12, families.families().size());
    assertTrue(families.supports(0x13));
    assertTrue(families.supports(0x15));
    assertFalse(families.supports(0x17));
  }

  @Test
  void familyVersionsRequestMatchesTheDump() {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    int[] pairs = {1, 3, 0x13, 2, 2, 1, 3, 1, 0x15, 1, 4, 1, 6, 1, 9, 1, 0xA, 1, 0xB, 1};
    for (int i = 0; i < pairs.length; i += 2) {
      versions.put(pairs[i], pairs[i + 1]);
    }
    assertEquals(toHex(flapPayload(Dumps.FAMILY_VERSIONS_REQUEST)),
        toHex(new FamilyVersions(versions).toRequestSnac(0x17).encode()));
  }

  @Test
  void familyVersionsReply() {
    FamilyVersions versions = FamilyVersions.decode(Snac.decode(flapPayload(Dumps.FAMILY_VERSIONS)));
    assertEquals(3, versions.versions().get(1));
    assertEquals(4, versions.versions().get(0x13));
    assertEquals(12, versions.versions().size());
  }

  @Test
  void rateParametersOfTheDumpAndTheirAck() {
    RateParameters rates = RateParameters.decode(Snac.decode(flapPayload(Dumps.RATE_PARAMS)));
    assertEquals(5, rates.classes().size());
    RateParameters.RateClass first = rates.classes().get(0);
    assertEquals(new RateParameters.RateClass(1, 80, 2500, 2000, 1500, 800, 0xD69, 6000), first);
    assertEquals(5, rates.groups().size());
    assertEquals(1, rates.groups().get(0).classId());
    assertTrue(rates.groups().get(0).snacs().contains(0x00010002));
    assertTrue(rates.groups().stream().anyMatch(g -> g.snacs().contains(0x00040006)));
    assertEquals(toHex(flapPayload(Dumps.RATE_ACK)), toHex(rates.toAckSnac(8).encode()));
  }

  @Test
  void rateParametersWithoutTheLastTimeAndStateFields() {
    var out = Unpooled.buffer();
    out.writeShort(1);
    out.writeShort(1);
    for (int i = 0; i < 7; i++) {
      out.writeInt(100 + i);
    }
    out.writeShort(1).writeShort(1).writeShort(4).writeShort(6);
    RateParameters rates = RateParameters.decode(new Snac(1, 7, 0, 1, ByteBufUtil.getBytes(out)));
    assertEquals(100, rates.classes().get(0).window());
    assertEquals(List.of(0x00040006), rates.groups().get(0).snacs());
  }

  @Test
  void brokenRateParametersAreProtocolErrors() {
    assertThrows(OscarProtocolException.class,
        () -> RateParameters.decode(new Snac(1, 7, 0, 1, new byte[] {0, 2, 0, 1, 0})));
  }

  @Test
  void clientReadyMatchesTheDump() {
    int[][] quads = {{1, 3, 0x0110, 0x047B}, {0x13, 2, 0x0110, 0x047B}, {2, 1, 0x0101, 0x047B},
        {3, 1, 0x0110, 0x047B}, {0x15, 1, 0x0110, 0x047B}, {4, 1, 0x0110, 0x047B}, {6, 1, 0x0110, 0x047B},
        {9, 1, 0x0110, 0x047B}, {0xA, 1, 0x0110, 0x047B}, {0xB, 1, 0x0110, 0x047B}};
    List<ClientReady.FamilyTool> tools = java.util.Arrays.stream(quads)
        .map(q -> new ClientReady.FamilyTool(q[0], q[1], q[2], q[3])).toList();
    assertEquals(toHex(flapPayload(Dumps.CLIENT_READY)), toHex(new ClientReady(tools).toSnac(2).encode()));
  }

  @Test
  void setStatusMatchesTheDump() {
    assertEquals(toHex(flapPayload(Dumps.SET_STATUS)), toHex(new SetStatus(0x2003, 0x0020).toSnac(0x1E).encode()));
  }

  @Test
  void capabilitiesAreSixteenBytesEach() {
    Snac snac = new LocationSetInfo(List.of(Capability.ICQ, Capability.UTF8)).toSnac(4);
    assertEquals("00050020" + "094613444c7f11d18222444553540000" + "0946134e4c7f11d18222444553540000",
        toHex(snac.data()));
    // The ICQ GUID is the last one of the reference dump's list.
    assertTrue(Dumps.LOCATION_SET_INFO.endsWith("094613444c7f11d18222444553540000"));
  }
}
