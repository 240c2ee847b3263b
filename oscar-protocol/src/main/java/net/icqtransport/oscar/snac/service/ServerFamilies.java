package net.icqtransport.oscar.snac.service;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashSet;
import java.util.Set;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/** SNAC(01,03): the families this BOS connection serves. A client never sends to a family not listed. */
public record ServerFamilies(Set<Integer> families) {
  public ServerFamilies {
    families = Set.copyOf(families);
  }

  public boolean supports(int family) {
    return families.contains(family);
  }

  public static ServerFamilies decode(Snac snac) {
    if (!snac.is(SnacType.SERVICE_SERVER_FAMILIES)) {
      throw new IllegalArgumentException("not SNAC(01,03): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    if (in.readableBytes() % 2 != 0) {
      throw new OscarProtocolException("SNAC(01,03) data of odd length " + in.readableBytes());
    }
    Set<Integer> families = new LinkedHashSet<>();
    while (in.isReadable()) {
      families.add(in.readUnsignedShort());
    }
    return new ServerFamilies(families);
  }
}
