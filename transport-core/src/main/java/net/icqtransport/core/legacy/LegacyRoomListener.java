package net.icqtransport.core.legacy;

import java.util.List;

/**
 * What a joined legacy chat room reports (OSCAR chat service, SNAC family 0x000E). Calls for one room arrive in
 * the network's order, never concurrently; implementations must not block.
 */
public interface LegacyRoomListener {

  /** The occupants present when the user joined (OSCAR 0E/03 after the join), the user included. */
  void occupantsPresent(List<LegacyContactId> occupants);

  /** Someone joined (OSCAR 0E/03). */
  void occupantJoined(LegacyContactId occupant);

  /** Someone left (OSCAR 0E/04). */
  void occupantLeft(LegacyContactId occupant);

  /** A message to the room (OSCAR 0E/06), the user's own included as the server reflects it. */
  void messageReceived(LegacyContactId from, String text);

  /** The room's topic, when the network says (OSCAR room info 0E/02). */
  default void topicChanged(String topic) {}

  /**
   * The room ended while the session goes on (the user left it, or the server closed it); no further calls
   * follow. Not called when the whole session ends: {@link LegacyListener#sessionClosed} covers every room then.
   */
  void roomClosed(String reason);
}
