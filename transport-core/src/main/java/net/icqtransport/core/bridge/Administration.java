package net.icqtransport.core.bridge;

import java.util.List;
import net.icqtransport.core.user.UserAddress;

/** What the operator may do: list and disconnect users (XEP-0133), stop the gateway. One role of the {@link Gateway}. */
public interface Administration {

  /** Users with a bridge (logged in, logging in or waiting to reconnect). */
  default List<UserAddress> onlineUsers() {
    return List.of();
  }

  /** Ends the user's session until their next presence (admin command); the user is told {@code reason}. */
  default void disconnect(UserAddress user, String reason) {}

  /** Signs every user off and stops. */
  void shutdown();
}
