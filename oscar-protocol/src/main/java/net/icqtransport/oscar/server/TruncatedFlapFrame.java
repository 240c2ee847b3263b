package net.icqtransport.oscar.server;

import java.util.Objects;
import net.icqtransport.oscar.flap.FlapChannel;

/**
 * A FLAP header cut off after its sequence number: {@code 2A <channel> <seq hi> <seq lo>}, no length field and
 * no payload. Real servers kick an old client (a channel-1 login without TLV 0x004A) with exactly these four
 * bytes on channel 4 and then close (OSCAR-SERVERS.md, "Sign-on and kicks"). Only {@link SimulatorFlapEncoder}
 * can write it, since it owns the connection's sequence numbers.
 */
record TruncatedFlapFrame(FlapChannel channel) {
  TruncatedFlapFrame {
    Objects.requireNonNull(channel, "channel");
  }

  /** The old-client kick: channel 4, sequence number, nothing more. */
  static TruncatedFlapFrame oldClientKick() {
    return new TruncatedFlapFrame(FlapChannel.SIGNOFF);
  }
}
