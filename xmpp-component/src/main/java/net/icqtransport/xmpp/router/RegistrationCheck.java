package net.icqtransport.xmpp.router;

import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.user.UserAddress;

/** Whether a Jabber user is registered with the transport (XEP-0077); contacts serve only registered users. */
@FunctionalInterface
public interface RegistrationCheck {

  /** Every user counts as registered: for routers that check registration elsewhere. */
  RegistrationCheck ANYONE = user -> true;

  /**
   * Registered as {@code gateway} says, without the registration store while the user has a session: that
   * session logged in with the registration, so a user who is chatting keeps chatting while the store is
   * unreachable (docs/reliability.md), and a message costs no database read. Without a session the store
   * answers, and may fail with {@link net.icqtransport.core.registration.StoreException}.
   */
  static RegistrationCheck of(Gateway gateway) {
    return user -> gateway.hasSession(user) || gateway.registration(user).isPresent();
  }

  boolean isRegistered(UserAddress user);
}
