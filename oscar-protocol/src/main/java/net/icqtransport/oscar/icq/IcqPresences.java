package net.icqtransport.oscar.icq;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.location.Capability;

/**
 * What the session last heard of each contact's presence (SNAC 03/0B, 03/0C user-info blocks): the status, which
 * decides the auto-message request type, and whether the contact's client announced the UTF-8 capability, which
 * decides how its channel-2 text is read. Turns user-info blocks into {@link LegacyPresence}, with the avatar
 * from TLV 0x1D and the idle time from TLV 0x04.
 *
 * <p>The status: ICQ numbers have the ICQ status word (TLV 0x06, {@link IcqStatusCodes}); AIM has none, and a
 * screen name is away when its user class has the away flag 0x0020 (set by the server while the user has an away
 * message), else online. A number that is away only by that flag (its word says online, or it has none: an AIM
 * client on an ICQ number) is away too.
 */
final class IcqPresences {
  /** Idle times that differ by less than this are the same idle period (the server counts in whole minutes). */
  private static final Duration IDLE_SLACK = Duration.ofSeconds(90);

  private final Clock clock;
  private final Map<LegacyContactId, LegacyStatus> statuses = new HashMap<>();
  private final Map<LegacyContactId, Boolean> utf8 = new HashMap<>();
  private final Map<LegacyContactId, Boolean> files = new HashMap<>();
  /** The last presence of each contact that is online. */
  private final Map<LegacyContactId, LegacyPresence> last = new HashMap<>();

  IcqPresences() {
    this(Clock.systemUTC());
  }

  IcqPresences(Clock clock) {
    this.clock = clock;
  }

  /** The status a user-info block says, as the class comment explains. */
  static LegacyStatus status(LegacyContactId contact, UserInfo info) {
    if (!IcqNetwork.isUin(contact.value())) {
      return info.awayByClass() ? LegacyStatus.AWAY : LegacyStatus.ONLINE;
    }
    LegacyStatus status = IcqStatusCodes.fromWire(info.status().orElse(0));
    return status == LegacyStatus.ONLINE && info.awayByClass() ? LegacyStatus.AWAY : status;
  }

  /** 03/0B: remembers and converts one contact's block. */
  LegacyPresence online(LegacyContactId contact, UserInfo info) {
    LegacyStatus status = status(contact, info);
    statuses.put(contact, status);
    if (info.hasCapabilityList()) {
      utf8.put(contact, info.hasCapability(Capability.UTF8.guid()));
    }
    files.put(contact, info.hasCapability(Capability.SEND_FILE.guid()));
    AvatarId avatar = info.buddyIconHash().map(AvatarId::of).orElse(null);
    LegacyPresence presence = new LegacyPresence(status, null, avatar, idleSince(contact, info));
    last.put(contact, presence);
    return presence;
  }

  /**
   * When the contact became idle, by TLV 0x04 (minutes); the time reported before while it stays about the same,
   * so that repeated blocks (a later status change, an avatar) do not move it by the rounding of the minutes.
   */
  private Instant idleSince(LegacyContactId contact, UserInfo info) {
    if (info.idleMinutes().isEmpty()) {
      return null;
    }
    Instant since = clock.instant().minus(Duration.ofMinutes(info.idleMinutes().getAsInt()))
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    LegacyPresence before = last.get(contact);
    Instant previous = before == null ? null : before.idleSince();
    if (previous != null && Duration.between(previous, since).abs().compareTo(IDLE_SLACK) < 0) {
      return previous;
    }
    return since;
  }

  /** 03/0C. */
  LegacyPresence offline(LegacyContactId contact) {
    statuses.put(contact, LegacyStatus.OFFLINE);
    files.remove(contact);
    last.remove(contact);
    return LegacyPresence.offline();
  }

  /** The contact's last presence, offline if it is not online. */
  LegacyPresence presence(LegacyContactId contact) {
    return last.getOrDefault(contact, LegacyPresence.offline());
  }

  Optional<LegacyStatus> status(LegacyContactId contact) {
    return Optional.ofNullable(statuses.get(contact));
  }

  /** Whether the contact's client listed the UTF-8 capability in its last online notice. */
  boolean announcedUtf8(LegacyContactId contact) {
    return utf8.getOrDefault(contact, false);
  }

  /** Whether the contact is online with a client that listed the send-file capability (OFT). */
  boolean acceptsFiles(LegacyContactId contact) {
    return files.getOrDefault(contact, false);
  }
}
