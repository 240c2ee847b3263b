package net.icqtransport.xmpp.command;

import java.util.Objects;
import net.icqtransport.core.bridge.UserSessions;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.user.XmppUsers;
import net.icqtransport.xmpp.user.XmppUser;
import net.icqtransport.xmpp.user.ResourcePresence;

/**
 * Applies a changed preference at once: gives the gateway each of the user's resources' last presence
 * again (XEP-0100 §4.4), with the status and text the preferences make of it. Later presences from the
 * client keep the preference only where the presence handler consults the user's {@link XmppUser} too.
 */
public final class PreferenceApplier {

  private final UserSessions gateway;
  private final XmppUsers users;

  public PreferenceApplier(UserSessions gateway, XmppUsers users) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.users = Objects.requireNonNull(users, "users");
  }

  /** Returns whether the user had an available resource to apply it to (else it applies on the next presence). */
  public boolean apply(UserAddress user) {
    boolean any = false;
    XmppUser state = users.of(user);
    for (ResourcePresence presence : state.resources()) {
      gateway.userAvailable(user, presence.resource(), presence.priority(),
          state.effectiveStatus(presence.status()), state.effectiveStatusText(presence.text()));
      any = true;
    }
    return any;
  }
}
