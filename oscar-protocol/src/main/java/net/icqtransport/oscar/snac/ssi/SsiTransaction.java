package net.icqtransport.oscar.snac.ssi;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(13,11) and (13,12) (iserverd snac_13_11 / snac_13_12): the brackets around SSI edits. Both empty; the
 * server applies the edits between them as one change.
 */
public final class SsiTransaction {
  private SsiTransaction() {}

  public static Snac begin(long requestId) {
    return Snac.build(SnacType.SSI_EDIT_BEGIN, requestId, out -> {});
  }

  public static Snac end(long requestId) {
    return Snac.build(SnacType.SSI_EDIT_END, requestId, out -> {});
  }
}
