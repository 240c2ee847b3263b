package net.icqtransport.xmpp.testing;

import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.xmpp.mapping.PresenceStatusMapping;
import net.icqtransport.xmpp.user.ShownContact;

/** Contacts as a test puts them in a user's state (what the transport shows the user). */
public final class Shown {
  private Shown() {}

  /** A contact shown as plainly available. */
  public static ShownContact available() {
    return as(LegacyStatus.ONLINE, null);
  }

  /** A contact shown with this status and text, as the presence mapping makes it. */
  public static ShownContact as(LegacyStatus status, String text) {
    return new ShownContact(new LegacyPresence(status, text, null), null,
        PresenceStatusMapping.toPresence(status, text));
  }
}
