package net.icqtransport.oscar.server;

import java.util.Objects;
import net.icqtransport.oscar.flap.FlapFrame;

/**
 * A frame whose start byte 0x2A goes out in a TCP write of its own, flushed before the rest of the frame, as
 * real servers write it (OSCAR-SERVERS.md, "Sign-on and kicks": split reads are normal). {@link
 * SimulatorFlapEncoder} writes every frame this way when the simulator was built with {@code splitFlapStart()};
 * this wrapper asks for it for one frame.
 */
record SplitStartFlapFrame(FlapFrame frame) {
  SplitStartFlapFrame {
    Objects.requireNonNull(frame, "frame");
  }
}
