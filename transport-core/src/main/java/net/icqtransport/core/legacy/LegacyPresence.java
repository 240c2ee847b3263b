package net.icqtransport.core.legacy;

import java.time.Instant;
import java.util.Objects;

/**
 * What the legacy network says of a contact's presence.
 *
 * @param status the availability
 * @param statusText the status (away) message, or {@code null} when none is known; on ICQ it is fetched
 *     separately (see {@link LegacySession#fetchStatusMessage})
 * @param avatar the contact's current avatar, or {@code null} for none
 * @param idleSince since when the contact's client has been idle (OSCAR reports idle minutes), or {@code null}
 *     when it is not idle or does not say
 */
public record LegacyPresence(LegacyStatus status, String statusText, AvatarId avatar, Instant idleSince) {

  public LegacyPresence {
    Objects.requireNonNull(status, "status");
  }

  /** A presence without idle time, as networks that do not report it have it. */
  public LegacyPresence(LegacyStatus status, String statusText, AvatarId avatar) {
    this(status, statusText, avatar, null);
  }

  public static LegacyPresence of(LegacyStatus status) {
    return new LegacyPresence(status, null, null, null);
  }

  public static LegacyPresence offline() {
    return of(LegacyStatus.OFFLINE);
  }

  /** The same presence with {@code text} as its status text (everything else kept, idle time included). */
  public LegacyPresence withStatusText(String text) {
    return new LegacyPresence(status, text, avatar, idleSince);
  }
}
