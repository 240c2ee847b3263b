package net.icqtransport.core.legacy;

import java.util.Locale;
import java.util.Objects;

/**
 * A chat room on the legacy network. On OSCAR a room is a name within an exchange (ChatNav, SNAC family 0x000D):
 * exchange 4 holds the rooms users create. Names compare as OSCAR compares them: case-insensitively.
 *
 * @param exchange the OSCAR exchange number (4 for user-created rooms)
 * @param name the room's name as its creator spelled it
 */
public record LegacyRoomId(int exchange, String name) {
  /** The exchange of user-created rooms. */
  public static final int USER_ROOMS = 4;

  public LegacyRoomId {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a room needs a name");
    }
    if (exchange < 0 || exchange > 0xFFFF) {
      throw new IllegalArgumentException("exchange out of range: " + exchange);
    }
  }

  /** A user-created room (exchange 4). */
  public static LegacyRoomId named(String name) {
    return new LegacyRoomId(USER_ROOMS, name);
  }

  /** The name as OSCAR compares it. */
  public String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LegacyRoomId room && room.exchange == exchange && room.key().equals(key());
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, key());
  }
}
