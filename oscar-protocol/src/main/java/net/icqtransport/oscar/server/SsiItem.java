package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One server-stored item (reference {@code ssi_item}): name (u16 length), group id, item id, type, then its
 * TLVs prefixed by their total length in bytes.
 */
record SsiItem(String name, int groupId, int itemId, int type, TlvChain data) {
  /** Item types (reference {@code ssi_item}). */
  static final int TYPE_BUDDY = 0x0000;
  static final int TYPE_GROUP = 0x0001;

  /** Group: ids of its members (buddy item ids, or group ids in the master group). */
  static final int TLV_MEMBER_IDS = 0x00C8;
  /** Buddy: the name the owner shows for this contact. */
  static final int TLV_NICKNAME = 0x0131;

  SsiItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
  }

  void writeTo(ByteBuf out) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    out.writeShort(nameBytes.length);
    out.writeBytes(nameBytes);
    out.writeShort(groupId);
    out.writeShort(itemId);
    out.writeShort(type);
    data.writeLengthPrefixed(out);
  }

  /** Encoded size in bytes, to split long lists over several 13/06 SNACs. */
  int encodedLength() {
    int dataLength = 0;
    for (var tlv : data.tlvs()) {
      dataLength += 4 + tlv.length();
    }
    return 2 + name.getBytes(StandardCharsets.UTF_8).length + 8 + dataLength;
  }
}
