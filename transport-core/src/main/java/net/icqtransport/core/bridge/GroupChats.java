package net.icqtransport.core.bridge;

import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;

/**
 * A user's legacy chat rooms (issue #18; OSCAR ChatNav 0x000D and chat 0x000E): join, talk, leave, invite. The
 * rooms' events reach the user through {@link net.icqtransport.core.user.UserEndpoint}'s room calls; rooms are
 * joined again after a reconnect and left when the user signs off. One role of the {@link Gateway}.
 */
public interface GroupChats {

  /** Joins (creating it if need be) a room; fails with {@link NotLoggedInException} while not online. */
  default CompletableFuture<Void> joinRoom(UserAddress user, LegacyRoomId room) {
    return Unsupported.feature("chat rooms");
  }

  /** A message to a room the user is in. */
  default CompletableFuture<Void> sendRoomMessage(UserAddress user, LegacyRoomId room, String text) {
    return Unsupported.feature("chat rooms");
  }

  /** The user left the room; it is not joined again. */
  default void leaveRoom(UserAddress user, LegacyRoomId room) {}

  /** Invites a contact to a room the user is in. */
  default CompletableFuture<Void> inviteToRoom(UserAddress user, LegacyRoomId room, LegacyContactId contact,
      String text) {
    return Unsupported.feature("chat rooms");
  }
}
