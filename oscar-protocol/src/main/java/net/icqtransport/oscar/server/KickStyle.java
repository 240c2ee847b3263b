package net.icqtransport.oscar.server;

import io.netty.buffer.Unpooled;

/**
 * How the server ends a session it throws out ({@link OscarSimulator#kick(String, KickStyle)}): the last bytes it
 * writes before closing TCP. Real servers use all of these (OSCAR-SERVERS.md, "Sign-on and kicks"); a client
 * must read each as the end of the session.
 */
public enum KickStyle {
  /** A channel-4 frame with TLV 0x0009 = 0x0001 ("signed on elsewhere"): how an MD5 login is kicked. */
  SIGNED_ON_ELSEWHERE,
  /**
   * Exactly {@code 2A 04 <seq hi> <seq lo>}: channel 4 with the connection's next sequence number, no length
   * field, no TLVs. How real servers kick an old client (a login without TLV 0x004A).
   */
  OLD_CLIENT_FRAME,
  /** A complete channel-4 frame of length 0: {@code 2A 04 <seq hi> <seq lo> 00 00}. */
  EMPTY_CHANNEL_4,
  /** As {@link #EMPTY_CHANNEL_4}, with the 0x2A start byte flushed in a TCP write of its own before the rest. */
  EMPTY_CHANNEL_4_SPLIT,
  /** Nothing more: TCP closes after the last frame already sent. */
  CLOSE_ONLY;

  /** What {@link SimulatorFlapEncoder} writes last for this style. */
  Object lastWrite() {
    return switch (this) {
      case SIGNED_ON_ELSEWHERE -> ServerSnacs.signOff(SimulatorState.REASON_SIGNED_ON_ELSEWHERE);
      case OLD_CLIENT_FRAME -> TruncatedFlapFrame.oldClientKick();
      case EMPTY_CHANNEL_4 -> ServerSnacs.signOffWithoutReason();
      case EMPTY_CHANNEL_4_SPLIT -> new SplitStartFlapFrame(ServerSnacs.signOffWithoutReason());
      case CLOSE_ONLY -> Unpooled.EMPTY_BUFFER;
    };
  }
}
