package net.icqtransport.oscar.oft;

import java.util.Arrays;

/**
 * The type word of an OFT2 header (libpurple oft.c, libfaim ft.c): a sendfile transfer is PROMPT from the sender,
 * ACKNOWLEDGE from the receiver (the prompt echoed with the ICBM cookie), the raw file bytes, then DONE from the
 * receiver. The resume types are decoded but never sent by this transport.
 */
public enum OftType {
  PROMPT(0x0101),
  RESUME_ACCEPT(0x0106),
  ACKNOWLEDGE(0x0202),
  DONE(0x0204),
  RESUME(0x0205),
  RESUME_ACKNOWLEDGE(0x0207);

  private final int code;

  OftType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** @throws OftException for a code that is none of these */
  public static OftType of(int code) {
    return Arrays.stream(values()).filter(t -> t.code == code).findFirst()
        .orElseThrow(() -> new OftException("unknown OFT header type 0x" + Integer.toHexString(code)));
  }
}
