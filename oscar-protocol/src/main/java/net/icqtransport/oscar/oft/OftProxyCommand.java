package net.icqtransport.oscar.oft;

import java.util.Arrays;

/** Commands of the AIM rendezvous proxy ("ars.oscar.aol.com:5190"; libpurple peer_proxy.c). */
public enum OftProxyCommand {
  ERROR(0x0001),
  INITIATE_SEND(0x0002),
  ACKNOWLEDGE(0x0003),
  INITIATE_RECEIVE(0x0004),
  READY(0x0005);

  private final int code;

  OftProxyCommand(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** @throws OftException for an unknown code */
  public static OftProxyCommand of(int code) {
    return Arrays.stream(values()).filter(c -> c.code == code).findFirst()
        .orElseThrow(() -> new OftException("unknown rendezvous proxy command 0x" + Integer.toHexString(code)));
  }
}
