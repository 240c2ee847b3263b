package net.icqtransport.oscar.server;

import java.time.Instant;
import java.util.Objects;

/**
 * A message stored for an account that was offline (reference {@code snac_15_03_0041}): sender UIN, when it was
 * stored, ICQ message type and flags (channel 1 is type 0x01, flags 0; channel 4 keeps its own), and the text as
 * the stored bytes (8-bit as sent, or UTF-8 for a UTF-16 channel-1 text), without the terminating NUL.
 */
record OfflineMessage(long senderUin, Instant sentAt, int type, int flags, byte[] text) {
  OfflineMessage {
    Objects.requireNonNull(sentAt);
    text = text.clone();
  }

  @Override
  public byte[] text() {
    return text.clone();
  }

  /** Leaves the text out. */
  @Override
  public String toString() {
    return "OfflineMessage[from " + senderUin + " at " + sentAt + ", type " + type + "]";
  }
}
