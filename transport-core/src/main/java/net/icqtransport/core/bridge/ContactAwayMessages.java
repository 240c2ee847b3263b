package net.icqtransport.core.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;

/**
 * The away messages of one user's contacts. ICQ sends a contact's status without its away message; the text
 * must be asked for (ICQ 0x0002/0x0015 location query, or the legacy status-message request), once per status
 * change. The bridge asks for it and reports the presence again with the text, so the XMPP side shows one
 * complete presence and never calls back into the core for it (issue #15). Confined to the bridge's sequence.
 */
final class ContactAwayMessages {
  /** The presence last reported for a status that has an away message, and the text once it came (else null). */
  private record Asked(LegacyPresence presence, String text) {}

  private final Map<LegacyContactId, Asked> asked = new HashMap<>();

  /** Whether a contact in this status may have an away message to ask for. */
  static boolean hasAwayMessage(LegacyStatus status) {
    return switch (status) {
      case AWAY, NOT_AVAILABLE, DO_NOT_DISTURB, OCCUPIED -> true;
      default -> false;
    };
  }

  /**
   * A contact's presence arrived: returns what to report (with the text fetched before for the same status, if
   * any) and runs {@code fetch} when the away message should be asked for now (a new away status without text).
   */
  LegacyPresence presenceToReport(LegacyContactId contact, LegacyPresence presence, Runnable fetch) {
    if (presence.statusText() != null || !hasAwayMessage(presence.status())) {
      asked.remove(contact);
      return presence;
    }
    Asked previous = asked.get(contact);
    if (previous != null && previous.presence().status() == presence.status()) {
      asked.put(contact, new Asked(presence, previous.text()));
      return previous.text() == null ? presence : withText(presence, previous.text());
    }
    asked.put(contact, new Asked(presence, null));
    fetch.run();
    return presence;
  }

  /**
   * The away message asked for while the contact was in {@code status} came: the presence to report again, if
   * the contact is still in that status and has no text yet, and the text is not blank.
   */
  Optional<LegacyPresence> arrived(LegacyContactId contact, LegacyStatus status, String text) {
    Asked current = asked.get(contact);
    if (current == null || current.presence().status() != status || current.text() != null
        || text == null || text.isBlank()) {
      return Optional.empty();
    }
    asked.put(contact, new Asked(current.presence(), text));
    return Optional.of(withText(current.presence(), text));
  }

  /** Forgets every contact (the session ended). */
  void clear() {
    asked.clear();
  }

  /** The presence as it came (avatar and idle time included) with the fetched text. */
  private static LegacyPresence withText(LegacyPresence presence, String text) {
    return presence.withStatusText(text);
  }
}
