package net.icqtransport.core.bridge;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyStatus;

/** The presence one of the user's XMPP resources last sent to the transport (XEP-0100 §4.4). */
record ResourcePresence(int priority, LegacyStatus status, String text) {

  ResourcePresence {
    Objects.requireNonNull(status, "status");
  }

  /** Whether the legacy network would show both the same way (the priority is not sent there). */
  boolean sameLegacyStatus(ResourcePresence other) {
    return other != null && status == other.status && Objects.equals(text, other.text);
  }
}
