package net.icqtransport.oscar.snac.bart;

import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;

/**
 * SNAC(10,02), upload the own buddy icon (iserverd {@code snac_10_02.txt}): BART type u16 (0x0001), icon length
 * u16, icon bytes. The server answers with SNAC(10,03).
 */
public record BartUpload(int type, byte[] icon) {
  /** The most the u16 length (and one FLAP frame with the SNAC header) can carry. */
  public static final int MAX_ICON_BYTES = 0xFFFF - 10 - 4;

  public BartUpload {
    if (icon.length == 0 || icon.length > MAX_ICON_BYTES) {
      throw new IllegalArgumentException("icon of " + icon.length + " bytes: must be 1.." + MAX_ICON_BYTES);
    }
    icon = icon.clone();
  }

  @Override
  public byte[] icon() {
    return icon.clone();
  }

  public Snac toSnac(long requestId) {
    return Snac.build(SnacType.BART_UPLOAD, requestId, out -> {
      out.writeShort(type);
      out.writeShort(icon.length);
      out.writeBytes(icon);
    });
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BartUpload other && type == other.type && java.util.Arrays.equals(icon, other.icon);
  }

  @Override
  public int hashCode() {
    return 31 * type + java.util.Arrays.hashCode(icon);
  }

  @Override
  public String toString() {
    return "BartUpload[type=" + type + ", " + icon.length + " bytes]";
  }
}
