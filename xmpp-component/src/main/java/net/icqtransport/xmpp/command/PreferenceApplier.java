package net.icqtransport.xmpp.command;

import java.util.Objects;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.state.UserPreferences;
import net.icqtransport.xmpp.state.UserPresenceBook;
import net.icqtransport.xmpp.state.UserPresenceBook.ResourcePresence;

/**
 * Applies a changed preference at once: gives the gateway each of the user's resources' last presence
 * again (XEP-0100 §4.4), with the status and text the preferences make of it. Later presences from the
 * client keep the preference only where the presence handler consults {@link UserPreferences} too.
 */
public final class PreferenceApplier {

  private final Gateway gateway;
  private final UserPreferences preferences;
  private final UserPresenceBook userPresences;

  public PreferenceApplier(Gateway gateway, UserPreferences preferences, UserPresenceBook userPresences) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.userPresences = Objects.requireNonNull(userPresences, "userPresences");
  }

  /** Returns whether the user had an available resource to apply it to (else it applies on the next presence). */
  public boolean apply(UserAddress user) {
    boolean any = false;
    for (ResourcePresence presence : userPresences.presences(user)) {
      gateway.userAvailable(user, presence.resource(), presence.priority(),
          preferences.effectiveStatus(user, presence.status()), preferences.effectiveStatusText(user, presence.text()));
      any = true;
    }
    return any;
  }
}
