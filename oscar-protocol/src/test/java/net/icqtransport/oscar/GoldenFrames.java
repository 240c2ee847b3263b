package net.icqtransport.oscar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.flap.FlapFrameDecoder;
import net.icqtransport.oscar.flap.FlapFrameEncoder;
import net.icqtransport.oscar.snac.Snac;

/** Dumped frames through the real FLAP codec on an {@link EmbeddedChannel}, both ways. */
public final class GoldenFrames {
  private GoldenFrames() {}

  /** Encodes {@code snac} with the dump's FLAP sequence number and checks every byte of the frame. */
  public static void assertEncodes(String dumpHex, Snac snac) {
    assertEncodes(HexDump.hex(dumpHex), snac.toFrame());
  }

  /** The same for a dump already in bytes (possibly edited where the test says our frame differs). */
  public static void assertEncodes(byte[] dump, Snac snac) {
    assertEncodes(dump, snac.toFrame());
  }

  /** Encodes {@code frame} with the dump's FLAP sequence number and checks every byte. */
  public static void assertEncodes(byte[] dump, FlapFrame frame) {
    int sequence = ((dump[2] & 0xFF) << 8) | (dump[3] & 0xFF);
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameEncoder(sequence));
    channel.writeOutbound(frame);
    ByteBuf out = channel.readOutbound();
    try {
      assertEquals(HexDump.toHex(dump), ByteBufUtil.hexDump(out));
    } finally {
      out.release();
    }
    assertFalse(channel.finish());
  }

  /** Decodes the dumped frame, fed one byte at a time, into its SNAC. */
  public static Snac decode(String dumpHex) {
    byte[] dump = HexDump.hex(dumpHex);
    EmbeddedChannel channel = new EmbeddedChannel(new FlapFrameDecoder(FlapFrame.MAX_PAYLOAD));
    for (byte b : dump) {
      channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
    }
    FlapFrame frame = channel.readInbound();
    assertFalse(channel.finish());
    return Snac.fromFrame(frame);
  }
}
