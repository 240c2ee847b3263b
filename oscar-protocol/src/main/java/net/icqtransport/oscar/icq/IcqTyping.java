package net.icqtransport.oscar.icq;

import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.oscar.snac.icbm.IcbmTyping;

/** {@link TypingState} ⇄ the type word of SNAC(04,14) (iserverd snac_04_14), both ways in one place. */
final class IcqTyping {
  private IcqTyping() {}

  static int toWire(TypingState state) {
    return switch (state) {
      case STOPPED -> IcbmTyping.FINISHED;
      case PAUSED -> IcbmTyping.TYPED;
      case TYPING -> IcbmTyping.BEGUN;
    };
  }

  /** Unknown types read as {@link TypingState#STOPPED}: the safe reading of a notice not understood. */
  static TypingState fromWire(int type) {
    return switch (type) {
      case IcbmTyping.TYPED -> TypingState.PAUSED;
      case IcbmTyping.BEGUN -> TypingState.TYPING;
      default -> TypingState.STOPPED;
    };
  }
}
