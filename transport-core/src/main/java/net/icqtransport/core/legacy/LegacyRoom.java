package net.icqtransport.core.legacy;

import java.util.concurrent.CompletableFuture;

/** A chat room the user is in ({@link LegacySession#joinRoom}); events arrive at its {@link LegacyRoomListener}. */
public interface LegacyRoom {

  LegacyRoomId id();

  /** Sends a message to the room (OSCAR 0E/05); completes when the network took it. */
  CompletableFuture<Void> sendMessage(String text);

  /** Leaves the room (closes the chat connection); {@link LegacyRoomListener#roomClosed} follows. */
  void leave();
}
