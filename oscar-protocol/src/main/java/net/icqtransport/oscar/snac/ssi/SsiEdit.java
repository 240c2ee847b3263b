package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(13,08) add, (13,09) update and (13,0A) delete (iserverd snac_13_08 / 13_09 / 13_0a): a list of SSI items
 * up to the end of the data. Clients send them inside 13/11 … 13/12 and get one 13/0E result per item; servers
 * send the same SNACs to the other sessions of an account when one of them edited the list.
 */
public record SsiEdit(Kind kind, List<SsiItem> items) {

  /** What the edit does to its items. */
  public enum Kind {
    ADD(SnacType.SSI_ADD),
    UPDATE(SnacType.SSI_UPDATE),
    DELETE(SnacType.SSI_DELETE);

    private final SnacType type;

    Kind(SnacType type) {
      this.type = type;
    }

    public SnacType snacType() {
      return type;
    }

    /** The kind of a 13/08, 13/09 or 13/0A SNAC. */
    public static Kind of(Snac snac) {
      for (Kind kind : values()) {
        if (snac.is(kind.type)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("not SNAC(13,08/09/0A): " + snac);
    }
  }

  public SsiEdit {
    Objects.requireNonNull(kind, "kind");
    items = List.copyOf(items);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("an SSI edit needs at least one item");
    }
  }

  public static SsiEdit of(Kind kind, SsiItem... items) {
    return new SsiEdit(kind, List.of(items));
  }

  public Snac toSnac(long requestId) {
    return Snac.build(kind.type, requestId, out -> items.forEach(item -> item.writeTo(out)));
  }

  /** Reads the items; {@link net.icqtransport.oscar.OscarProtocolException} if one is cut short. */
  public static SsiEdit decode(Snac snac) {
    Kind kind = Kind.of(snac);
    ByteBuf in = snac.dataBuffer();
    List<SsiItem> items = new ArrayList<>();
    while (in.isReadable()) {
      items.add(SsiItem.read(in));
    }
    if (items.isEmpty()) {
      throw new net.icqtransport.oscar.OscarProtocolException("SSI edit " + snac + " without items");
    }
    return new SsiEdit(kind, items);
  }
}
