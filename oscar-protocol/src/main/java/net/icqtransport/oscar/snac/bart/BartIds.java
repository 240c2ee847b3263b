package net.icqtransport.oscar.snac.bart;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.buddy.UserInfo;

/**
 * The BART ids of user-info TLV 0x1D (OSCAR-ICQ.md "user info block"): BART ids back to back. The one place a
 * contact's avatar is read from presence; the messaging side calls {@link #avatar(UserInfo)} for
 * {@code LegacyPresence.avatar()}.
 */
public final class BartIds {
  /** User-info TLV holding the BART ids. */
  public static final int USER_INFO_TLV = 0x1D;

  private BartIds() {}

  /** All ids of a TLV 0x1D value; a broken tail ends the list (the ids before it count). */
  public static List<BartId> parse(byte[] value) {
    ByteBuf in = Unpooled.wrappedBuffer(value);
    List<BartId> ids = new ArrayList<>();
    try {
      while (in.isReadable()) {
        ids.add(BartId.read(in));
      }
    } catch (OscarProtocolException e) {
      // keep what came before
    }
    return ids;
  }

  /**
   * The buddy icon among {@code ids}: type 0x0001 with a 16-byte MD5 that is not all zeros. Servers put a
   * 5-byte marker (02 01 D2 04 72) there for "no icon"; that is none.
   */
  public static Optional<AvatarId> buddyIcon(List<BartId> ids) {
    for (BartId id : ids) {
      byte[] hash = id.hash();
      if (id.type() == BartId.BUDDY_ICON && hash.length == 16 && !allZero(hash)) {
        return Optional.of(AvatarId.of(hash));
      }
    }
    return Optional.empty();
  }

  /** The avatar a user-info block announces, if any. */
  public static Optional<AvatarId> avatar(UserInfo info) {
    return info.tlvs().find(USER_INFO_TLV).flatMap(tlv -> buddyIcon(parse(tlv.value())));
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
