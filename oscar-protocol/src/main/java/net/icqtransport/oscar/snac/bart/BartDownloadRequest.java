package net.icqtransport.oscar.snac.bart;

import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(10,06), ICQ's request for a contact's icon (iserverd {@code snac_10_06.txt}): screen name (u8 length),
 * count u8, that many BART ids. The server answers with SNAC(10,07).
 */
public record BartDownloadRequest(String screenName, List<BartId> ids) {
  public BartDownloadRequest {
    ids = List.copyOf(ids);
    if (ids.isEmpty() || ids.size() > 0xFF) {
      throw new IllegalArgumentException("1..255 BART ids");
    }
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.BART_DOWNLOAD_ICQ, requestId, out -> {
      SnacIo.writeScreenName(out, screenName);
      out.writeByte(ids.size());
      ids.forEach(id -> id.writeTo(out));
    });
  }
}
