package net.icqtransport.oscar.snac.service;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(01,04), ask the BOS server for a connection to a family it does not serve itself (iserverd
 * {@code snac_01_04.txt}, {@code service_request.txt}): the family u16. Answered by SNAC(01,05) or an error.
 */
public record ServiceRequest(int family) {
  public ServiceRequest {
    if (family < 0 || family > 0xFFFF) {
      throw new IllegalArgumentException("family out of range: " + family);
    }
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.SERVICE_REQUEST, requestId, out -> out.writeShort(family));
  }
}
