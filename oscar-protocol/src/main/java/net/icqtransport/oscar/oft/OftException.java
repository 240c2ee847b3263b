package net.icqtransport.oscar.oft;

import net.icqtransport.oscar.OscarProtocolException;

/** A peer or rendezvous proxy broke the OFT2 wire format; the transfer's connection is closed. */
public final class OftException extends OscarProtocolException {
  private static final long serialVersionUID = 1L;

  public OftException(String message) {
    super(message);
  }
}
