package net.icqtransport.oscar.snac.bart;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.oscar.snac.SnacIo;

/**
 * A BART id (iserverd {@code snac_10_06.txt}; OSCAR-ICQ.md "BART"): type u16 (0x0001 buddy icon), flags u8,
 * hash length u8, hash (the icon's MD5 for buddy icons).
 */
public record BartId(int type, int flags, byte[] hash) {
  public static final int BUDDY_ICON = 0x0001;
  /** The flags ICQ clients put on their buddy-icon ids. */
  public static final int ICQ_ICON_FLAGS = 0x01;

  public BartId {
    if (type < 0 || type > 0xFFFF || flags < 0 || flags > 0xFF || hash.length > 0xFF) {
      throw new IllegalArgumentException("bad BART id");
    }
    hash = hash.clone();
  }

  /** The buddy-icon id ICQ clients use for an avatar. */
  public static BartId buddyIcon(AvatarId avatar) {
    return new BartId(BUDDY_ICON, ICQ_ICON_FLAGS, avatar.bytes());
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  public AvatarId toAvatarId() {
    return AvatarId.of(hash);
  }

  public static BartId read(ByteBuf in) {
    int type = SnacIo.readU16(in, "BART type");
    int flags = SnacIo.readU8(in, "BART flags");
    int length = SnacIo.readU8(in, "BART hash length");
    return new BartId(type, flags, SnacIo.readBytes(in, length, "BART hash"));
  }

  public void writeTo(ByteBuf out) {
    out.writeShort(type);
    out.writeByte(flags);
    out.writeByte(hash.length);
    out.writeBytes(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BartId other && type == other.type && flags == other.flags
        && Arrays.equals(hash, other.hash);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type + flags) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return String.format("BartId[type=%04X, flags=%02X, %s]", type, flags, HexFormat.of().formatHex(hash));
  }
}
