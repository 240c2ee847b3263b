package net.icqtransport.oscar.snac.service;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/** SNAC(01,17) (client asks) and SNAC(01,18) (server answers): family → version pairs, in order. */
public record FamilyVersions(Map<Integer, Integer> versions) {
  public FamilyVersions {
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
  }

  public Snac toRequestSnac(long requestId) {
    return Snac.build(SnacType.SERVICE_FAMILY_VERSIONS_REQUEST, requestId, out -> {
      versions.forEach((family, version) -> {
        out.writeShort(family);
        out.writeShort(version);
      });
    });
  }

  public static FamilyVersions decode(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    if (in.readableBytes() % 4 != 0) {
      throw new OscarProtocolException("family versions data not a multiple of 4: " + in.readableBytes());
    }
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    while (in.isReadable()) {
      versions.put(in.readUnsignedShort(), in.readUnsignedShort());
    }
    return new FamilyVersions(versions);
  }
}
