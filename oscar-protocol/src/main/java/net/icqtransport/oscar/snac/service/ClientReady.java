package net.icqtransport.oscar.snac.service;

import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/** SNAC(01,02): the client is ready; one (family, version, tool id, tool version) quad per family used. */
public record ClientReady(List<FamilyTool> families) {

  /** One family as ICQ's protocol DLL announced it (tool id 0x0110, tool version 0x047B for ICQ 2002). */
  public record FamilyTool(int family, int version, int toolId, int toolVersion) {}

  public ClientReady {
    families = List.copyOf(families);
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.SERVICE_CLIENT_READY, requestId, out -> {
      for (FamilyTool f : families) {
        out.writeShort(f.family());
        out.writeShort(f.version());
        out.writeShort(f.toolId());
        out.writeShort(f.toolVersion());
      }
    });
  }
}
