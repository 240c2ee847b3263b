package net.icqtransport.oscar.snac.chat;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.buddy.UserInfo;

/**
 * SNAC(0E,03) users joined and (0E,04) users left (iserverd {@code snac_0e_03}, {@code snac_0e_04}): one or more
 * online user-info blocks ({@code info_block}), one per occupant. Right after the join the server sends the
 * occupants already in the room, the joiner included, as one 0E/03.
 */
public record ChatUsers(boolean joined, List<UserInfo> users) {
  public ChatUsers {
    users = List.copyOf(users);
  }

  public static ChatUsers decode(Snac snac) {
    boolean joined = snac.is(SnacType.CHAT_USERS_JOINED);
    if (!joined && !snac.is(SnacType.CHAT_USERS_LEFT)) {
      throw new IllegalArgumentException("not SNAC(0E,03/04): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    List<UserInfo> users = new ArrayList<>();
    while (in.isReadable()) {
      users.add(UserInfo.read(in));
    }
    return new ChatUsers(joined, users);
  }
}
