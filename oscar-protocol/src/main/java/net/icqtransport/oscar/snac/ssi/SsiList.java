package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(13,06), the contact list or one part of it: version u8 (0), item count u16, items, last change time u32.
 * With SNAC flag 0x0001 more parts follow; only the last one is guaranteed to carry the time.
 *
 * @param lastChange seconds since the epoch, or -1 if this part has none
 */
public record SsiList(List<SsiItem> items, long lastChange, boolean moreFollow) {
  public SsiList {
    items = List.copyOf(items);
  }

  public static SsiList decode(Snac snac) {
    if (!snac.is(SnacType.SSI_LIST)) {
      throw new IllegalArgumentException("not SNAC(13,06): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    int version = SnacIo.readU8(in, "SSI version");
    if (version != 0) {
      throw new OscarProtocolException("unknown SSI version " + version);
    }
    int count = SnacIo.readU16(in, "SSI item count");
    List<SsiItem> items = new ArrayList<>(Math.min(count, 1024));
    for (int i = 0; i < count; i++) {
      items.add(SsiItem.read(in));
    }
    long lastChange = in.readableBytes() >= 4 ? in.readUnsignedInt() : -1;
    return new SsiList(items, lastChange, (snac.flags() & Snac.FLAG_MORE_REPLIES) != 0);
  }

  /** SNAC(13,05): "is my copy (time, count) current?"; (0, 0) asks for the whole list. */
  public static Snac checkSnac(long requestId, long lastChange, int count) {
    return Snac.build(SnacType.SSI_LIST_CHECK, requestId, out -> {
      out.writeInt((int) lastChange);
      out.writeShort(count);
    });
  }
}
