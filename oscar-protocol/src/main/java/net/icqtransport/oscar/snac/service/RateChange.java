package net.icqtransport.oscar.snac.service;

import io.netty.buffer.ByteBuf;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(01,0A), the server's rate notice (iserverd {@code snac_01_0a.txt}, {@code rate_limits.txt}): a message code
 * and the affected class with its current parameters and level, 30 bytes or 35 with "last time" and "state".
 */
public record RateChange(Code code, RateParameters.RateClass rateClass) {

  /** The message codes of SNAC(01,0A). */
  public enum Code {
    /** 0x0001: the class's parameters changed. */
    PARAMETERS_CHANGED(1),
    /** 0x0002: the level fell below the alert level. */
    WARNING(2),
    /** 0x0003: the level fell below the limit level; the server drops this class's SNACs. */
    LIMITED(3),
    /** 0x0004: the level rose above the clear level again. */
    CLEAR(4);

    private final int wire;

    Code(int wire) {
      this.wire = wire;
    }

    public int wire() {
      return wire;
    }

    /** @throws OscarProtocolException for a code the reference does not define */
    public static Code fromWire(int wire) {
      for (Code code : values()) {
        if (code.wire == wire) {
          return code;
        }
      }
      throw new OscarProtocolException(String.format("unknown rate change code 0x%04X", wire));
    }
  }

  public static RateChange decode(Snac snac) {
    if (!snac.is(SnacType.SERVICE_RATE_CHANGE)) {
      throw new IllegalArgumentException("not SNAC(01,0A): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    Code code = Code.fromWire(SnacIo.readU16(in, "rate change code"));
    boolean extended = in.readableBytes() >= 35;
    RateParameters.RateClass rateClass = RateParameters.RateClass.read(in, extended);
    return new RateChange(code, rateClass);
  }
}
