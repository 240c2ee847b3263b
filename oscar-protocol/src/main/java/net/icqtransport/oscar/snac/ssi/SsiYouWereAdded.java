package net.icqtransport.oscar.snac.ssi;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/** SNAC(13,1C) (iserverd snac_13_1c): someone added the user to their list; the screen name (u8 length). */
public record SsiYouWereAdded(String screenName) {

  public static SsiYouWereAdded decode(Snac snac) {
    if (!snac.is(SnacType.SSI_YOU_WERE_ADDED)) {
      throw new IllegalArgumentException("not SNAC(13,1C): " + snac);
    }
    return new SsiYouWereAdded(SnacIo.readScreenName(snac.dataBuffer()));
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.SSI_YOU_WERE_ADDED, requestId, out -> SnacIo.writeScreenName(out, screenName));
  }
}
