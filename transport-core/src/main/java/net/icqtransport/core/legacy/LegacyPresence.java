package net.icqtransport.core.legacy;

import java.util.Objects;

/**
 * What the legacy network says of a contact's presence.
 *
 * @param status the availability
 * @param statusText the status (away) message, or {@code null} when none is known; on ICQ it is fetched
 *     separately (see {@link LegacySession#fetchStatusMessage})
 * @param avatar the contact's current avatar, or {@code null} for none
 */
public record LegacyPresence(LegacyStatus status, String statusText, AvatarId avatar) {

  public LegacyPresence {
    Objects.requireNonNull(status, "status");
  }

  public static LegacyPresence of(LegacyStatus status) {
    return new LegacyPresence(status, null, null);
  }

  public static LegacyPresence offline() {
    return of(LegacyStatus.OFFLINE);
  }
}
