package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One rate class of SNAC 01/07 (reference {@code rate_limits}, {@code snac_01_07}): levels are moving averages
 * of the milliseconds between SNACs, so a higher level is better. {@code pairs} are the (family, subtype)
 * pairs the class governs, each as {@code family << 16 | subtype}.
 */
record RateClass(
    int id,
    long windowSize,
    long clearLevel,
    long alertLevel,
    long limitLevel,
    long disconnectLevel,
    long currentLevel,
    long maxLevel,
    long lastTime,
    int currentState,
    List<Integer> pairs) {

  RateClass {
    pairs = List.copyOf(pairs);
  }

  /** The class parameters (family version 3 and later carry last time and state). */
  void writeParametersTo(ByteBuf out) {
    out.writeShort(id);
    out.writeInt((int) windowSize);
    out.writeInt((int) clearLevel);
    out.writeInt((int) alertLevel);
    out.writeInt((int) limitLevel);
    out.writeInt((int) disconnectLevel);
    out.writeInt((int) currentLevel);
    out.writeInt((int) maxLevel);
    out.writeInt((int) lastTime);
    out.writeByte(currentState);
  }

  /** The group that follows all class parameters: class id, pair count, pairs. */
  void writeGroupTo(ByteBuf out) {
    out.writeShort(id);
    out.writeShort(pairs.size());
    for (int pair : pairs) {
      out.writeInt(pair);
    }
  }

  static int pair(int family, int subtype) {
    return (family << 16) | subtype;
  }
}
