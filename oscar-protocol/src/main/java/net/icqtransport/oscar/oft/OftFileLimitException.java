package net.icqtransport.oscar.oft;

import java.io.IOException;

/** The file announced or sent over an OFT connection is larger than the receiver takes. */
public final class OftFileLimitException extends IOException {
  private static final long serialVersionUID = 1L;

  public OftFileLimitException(String message) {
    super(message);
  }
}
