package net.icqtransport.oscar.icq;

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
 * from TLV 0x1D.
 */
final class IcqPresences {
  private final Map<LegacyContactId, LegacyStatus> statuses = new HashMap<>();
  private final Map<LegacyContactId, Boolean> utf8 = new HashMap<>();
  private final Map<LegacyContactId, Boolean> files = new HashMap<>();
  /** The last presence of each contact that is online. */
  private final Map<LegacyContactId, LegacyPresence> last = new HashMap<>();

  /** 03/0B: remembers and converts one contact's block. */
  LegacyPresence online(LegacyContactId contact, UserInfo info) {
    LegacyStatus status = IcqStatusCodes.fromWire(info.status().orElse(0));
    statuses.put(contact, status);
    if (info.hasCapabilityList()) {
      utf8.put(contact, info.hasCapability(Capability.UTF8.guid()));
    }
    files.put(contact, info.hasCapability(Capability.SEND_FILE.guid()));
    AvatarId avatar = info.buddyIconHash().map(AvatarId::of).orElse(null);
    LegacyPresence presence = new LegacyPresence(status, null, avatar);
    last.put(contact, presence);
    return presence;
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
