package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(13,0E), the server's answer to an SSI edit (iserverd snac_13_0e): one u16 result code per item of the
 * 13/08, 13/09 or 13/0A it answers, in order.
 */
public record SsiEditResult(long requestId, List<Integer> codes) {
  public static final int OK = 0x0000;
  public static final int NOT_FOUND = 0x0002;
  public static final int ALREADY_EXISTS = 0x0003;
  public static final int INVALID = 0x000A;
  public static final int LIMIT_REACHED = 0x000C;
  public static final int ICQ_CONTACT_IN_AIM_LIST = 0x000D;
  public static final int AUTHORIZATION_REQUIRED = 0x000E;

  public SsiEditResult {
    codes = List.copyOf(codes);
  }

  public static SsiEditResult decode(Snac snac) {
    if (!snac.is(SnacType.SSI_EDIT_RESULT)) {
      throw new IllegalArgumentException("not SNAC(13,0E): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    List<Integer> codes = new ArrayList<>();
    while (in.isReadable()) {
      codes.add(SnacIo.readU16(in, "SSI result code"));
    }
    return new SsiEditResult(snac.requestId(), codes);
  }

  public Snac toSnac() {
    return Snac.build(SnacType.SSI_EDIT_RESULT, requestId, out -> codes.forEach(out::writeShort));
  }

  /** The first item's code ({@link #OK} when the server sent none, as some do for a one-item edit). */
  public int first() {
    return codes.isEmpty() ? OK : codes.get(0);
  }

  /** What a code means, for error messages. */
  public static String describe(int code) {
    return switch (code) {
      case OK -> "success";
      case NOT_FOUND -> "item not found";
      case ALREADY_EXISTS -> "item already exists";
      case INVALID -> "invalid item (bad id or data)";
      case LIMIT_REACHED -> "limit for this item type reached";
      case ICQ_CONTACT_IN_AIM_LIST -> "ICQ contact cannot be added to an AIM list";
      case AUTHORIZATION_REQUIRED -> "authorization required";
      default -> "unknown result";
    };
  }
}
