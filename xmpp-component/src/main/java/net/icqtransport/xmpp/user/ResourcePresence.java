package net.icqtransport.xmpp.user;

import java.util.Objects;
import net.icqtransport.core.legacy.LegacyStatus;

/**
 * The available presence one of a user's resources last sent to the transport (XEP-0100 §4.4), as the client
 * sent it (before the user's preferences apply).
 *
 * @param resource the resource, "" for the bare JID
 */
public record ResourcePresence(String resource, int priority, LegacyStatus status, String text) {
  public ResourcePresence {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(status, "status");
  }
}
