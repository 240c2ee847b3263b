package net.icqtransport.oscar.snac.service;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(01,07), the connection's rate classes and which SNACs fall in each (iserverd "rate limits"). Classes are
 * 30 bytes, or 35 when servers add "last time" u32 and "state" u8; which one is decided by which layout makes
 * the groups end exactly at the end of the data.
 */
public record RateParameters(List<RateClass> classes, List<RateGroup> groups) {

  /**
   * One rate class; levels are moving averages of the interval between SNACs in ms.
   *
   * @param lastTime how long ago (ms) the last SNAC of this class counts as sent; 0 when the server omits it
   * @param state the server's state for the class (1 limited, 2 alert, 3 clear); 0 when omitted
   */
  public record RateClass(
      int id, long window, long clear, long alert, long limit, long disconnect, long current, long max,
      long lastTime, int state) {

    /** A class as servers without the "last time" and "state" fields send it. */
    public RateClass(
        int id, long window, long clear, long alert, long limit, long disconnect, long current, long max) {
      this(id, window, clear, alert, limit, disconnect, current, max, 0, 0);
    }

    /** Reads one class of 30 bytes, or 35 with {@code extended} "last time" u32 and "state" u8. */
    public static RateClass read(ByteBuf in, boolean extended) {
      SnacIo.require(in, extended ? 35 : 30, "rate class");
      int id = in.readUnsignedShort();
      long window = in.readUnsignedInt();
      long clear = in.readUnsignedInt();
      long alert = in.readUnsignedInt();
      long limit = in.readUnsignedInt();
      long disconnect = in.readUnsignedInt();
      long current = in.readUnsignedInt();
      long max = in.readUnsignedInt();
      long lastTime = extended ? in.readUnsignedInt() : 0;
      int state = extended ? in.readUnsignedByte() : 0;
      return new RateClass(id, window, clear, alert, limit, disconnect, current, max, lastTime, state);
    }
  }

  /** The SNACs (family &lt;&lt; 16 | subtype) a rate class governs. */
  public record RateGroup(int classId, List<Integer> snacs) {
    public RateGroup {
      snacs = List.copyOf(snacs);
    }
  }

  public RateParameters {
    classes = List.copyOf(classes);
    groups = List.copyOf(groups);
  }

  /** SNAC(01,08): acknowledges the rate classes by listing their ids. */
  public Snac toAckSnac(long requestId) {
    return Snac.build(SnacType.SERVICE_RATE_PARAMS_ACK, requestId, out -> classes.forEach(c -> out.writeShort(c.id())));
  }

  public static RateParameters decode(Snac snac) {
    if (!snac.is(SnacType.SERVICE_RATE_PARAMS)) {
      throw new IllegalArgumentException("not SNAC(01,07): " + snac);
    }
    OscarProtocolException first = null;
    for (boolean extended : new boolean[] {true, false}) {
      try {
        return decode(snac.dataBuffer(), extended);
      } catch (OscarProtocolException e) {
        first = first == null ? e : first;
      }
    }
    throw first;
  }

  private static RateParameters decode(ByteBuf in, boolean extended) {
    int count = SnacIo.readU16(in, "rate class count");
    List<RateClass> classes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      classes.add(RateClass.read(in, extended));
    }
    List<RateGroup> groups = new ArrayList<>();
    while (in.isReadable()) {
      int classId = SnacIo.readU16(in, "rate group id");
      if (classes.stream().noneMatch(c -> c.id() == classId)) {
        throw new OscarProtocolException("rate group for unknown class " + classId);
      }
      int pairs = SnacIo.readU16(in, "rate group size");
      SnacIo.require(in, pairs * 4, "rate group pairs");
      List<Integer> snacs = new ArrayList<>(pairs);
      for (int i = 0; i < pairs; i++) {
        snacs.add(in.readInt());
      }
      groups.add(new RateGroup(classId, snacs));
    }
    return new RateParameters(classes, groups);
  }
}
