package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One SSI item (iserverd "ssi_item"): name (u16 length), group id, item id, type, u16-length-prefixed TLVs.
 * Text TLVs such as the nickname are UTF-8 on ICQ servers since ICQ 5.
 */
public record SsiItem(String name, int groupId, int itemId, int type, TlvChain tlvs) {
  public static final int TYPE_BUDDY = 0x0000;
  public static final int TYPE_GROUP = 0x0001;
  public static final int TYPE_PERMIT = 0x0002;
  public static final int TYPE_DENY = 0x0003;
  /** Buddy TLV: the name the user gave the contact. */
  public static final int TLV_NICKNAME = 0x0131;

  public SsiItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tlvs, "tlvs");
  }

  public Optional<String> nickname() {
    return tlvs.bytes(TLV_NICKNAME).map(b -> new String(b, StandardCharsets.UTF_8)).filter(s -> !s.isBlank());
  }

  public static SsiItem read(ByteBuf in) {
    String name = SnacIo.readU16String(in, "SSI item name");
    int groupId = SnacIo.readU16(in, "SSI group id");
    int itemId = SnacIo.readU16(in, "SSI item id");
    int type = SnacIo.readU16(in, "SSI item type");
    TlvChain tlvs = TlvChain.readLengthPrefixed(in);
    return new SsiItem(name, groupId, itemId, type, tlvs);
  }

  public void writeTo(ByteBuf out) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(nameBytes.length);
    out.writeBytes(nameBytes);
    out.writeShort(groupId);
    out.writeShort(itemId);
    out.writeShort(type);
    tlvs.writeLengthPrefixed(out);
  }
}
