package net.icqtransport.oscar.icq;

import net.icqtransport.oscar.snac.ssi.SsiEditResult;

/** The server refused a contact-list edit: SNAC(13,0E) with a non-zero result, or a SNAC(13,01) error. */
public final class ContactListEditException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;

  ContactListEditException(String what, int code) {
    super(String.format("ICQ refused to %s: %s (0x%04X)", what, SsiEditResult.describe(code), code));
    this.code = code;
  }

  ContactListEditException(String message) {
    super(message);
    this.code = -1;
  }

  /** The SNAC(13,0E) result code, or -1 when the edit failed otherwise (error SNAC, no answer). */
  public int code() {
    return code;
  }
}
