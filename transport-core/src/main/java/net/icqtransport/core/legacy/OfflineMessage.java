package net.icqtransport.core.legacy;

import java.time.Instant;
import java.util.Objects;

/** A message the server stored while the user was offline (ICQ SNAC 15/03 type 0x0041). */
public record OfflineMessage(LegacyContactId from, String text, Instant sentAt) {

  public OfflineMessage {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(sentAt, "sentAt");
  }
}
