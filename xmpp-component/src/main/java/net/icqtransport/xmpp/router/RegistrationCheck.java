package net.icqtransport.xmpp.router;

import net.icqtransport.core.user.UserAddress;

/** Whether a Jabber user is registered with the transport (XEP-0077); contacts serve only registered users. */
@FunctionalInterface
public interface RegistrationCheck {

  /** Every user counts as registered: for routers that check registration elsewhere. */
  RegistrationCheck ANYONE = user -> true;

  boolean isRegistered(UserAddress user);
}
