package net.icqtransport.oscar.icq;

import net.icqtransport.core.legacy.LegacyStatus;

/**
 * ICQ status words (low word of TLV 0x06 in SNAC(01,1E) and user-info blocks) ⇄ {@link LegacyStatus}, both
 * ways in one place. Clients send combined bits (DND 0x0013, N/A 0x0005, occupied 0x0011), so bits are read
 * in precedence: invisible, DND, N/A, occupied, away, free for chat.
 */
public final class IcqStatusCodes {
  public static final int ONLINE = 0x0000;
  public static final int AWAY = 0x0001;
  public static final int DND = 0x0002;
  public static final int NA = 0x0004;
  public static final int OCCUPIED = 0x0010;
  public static final int FREE_FOR_CHAT = 0x0020;
  public static final int INVISIBLE = 0x0100;

  private IcqStatusCodes() {}

  /** The status of a TLV 0x06 value (flags in the high word are ignored). */
  public static LegacyStatus fromWire(long statusTlv) {
    int status = (int) (statusTlv & 0xFFFF);
    if ((status & INVISIBLE) != 0) {
      return LegacyStatus.INVISIBLE;
    }
    if ((status & DND) != 0) {
      return LegacyStatus.DO_NOT_DISTURB;
    }
    if ((status & NA) != 0) {
      return LegacyStatus.NOT_AVAILABLE;
    }
    if ((status & OCCUPIED) != 0) {
      return LegacyStatus.OCCUPIED;
    }
    if ((status & AWAY) != 0) {
      return LegacyStatus.AWAY;
    }
    if ((status & FREE_FOR_CHAT) != 0) {
      return LegacyStatus.FREE_FOR_CHAT;
    }
    return LegacyStatus.ONLINE;
  }

  /**
   * The low word an ICQ client sends for {@code status}, with the combined bits official clients use.
   *
   * @throws IllegalArgumentException for {@link LegacyStatus#OFFLINE}, which is signing off, not a status
   */
  public static int toWire(LegacyStatus status) {
    return switch (status) {
      case ONLINE -> ONLINE;
      case AWAY -> AWAY;
      case NOT_AVAILABLE -> NA | AWAY;
      case DO_NOT_DISTURB -> DND | OCCUPIED | AWAY;
      case OCCUPIED -> OCCUPIED | AWAY;
      case FREE_FOR_CHAT -> FREE_FOR_CHAT;
      case INVISIBLE -> INVISIBLE;
      case OFFLINE -> throw new IllegalArgumentException("OFFLINE is not a status to set; close the session");
    };
  }
}
