package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * One server-stored item (reference {@code ssi_item}): name (u16 length), group id, item id, type, then its
 * TLVs prefixed by their total length in bytes.
 */
record SsiItem(String name, int groupId, int itemId, int type, TlvChain data) {
  /** Item types (reference {@code ssi_item}). */
  static final int TYPE_BUDDY = 0x0000;
  static final int TYPE_GROUP = 0x0001;
  static final int TYPE_DENY = 0x0003;
  static final int TYPE_PRIVACY = 0x0004;
  /** Privacy item: u8 mode; 4 blocks the users on the deny list. */
  static final int TLV_PRIVACY_MODE = 0x00CA;
  static final int PRIVACY_BLOCK_DENY_LIST = 4;

  /** Buddy: awaiting authorization from this contact (always empty). */
  static final int TLV_AWAITING_AUTHORIZATION = 0x0066;
  /** Group: ids of its members (buddy item ids, or group ids in the master group). */
  static final int TLV_MEMBER_IDS = 0x00C8;
  /** Buddy: the name the owner shows for this contact. */
  static final int TLV_NICKNAME = 0x0131;

  SsiItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
  }

  /** Reads one item as 13/06, 13/08, 13/09 and 13/0A carry it. */
  static SsiItem read(ByteBuf in) {
    int nameLength = WireReader.readU16(in, "SSI item name length");
    String name = new String(WireReader.readBytes(in, nameLength, "SSI item name"), StandardCharsets.UTF_8);
    int groupId = WireReader.readU16(in, "SSI group id");
    int itemId = WireReader.readU16(in, "SSI item id");
    int type = WireReader.readU16(in, "SSI item type");
    return new SsiItem(name, groupId, itemId, type, TlvChain.readLengthPrefixed(in));
  }

  /** Every item of an edit SNAC, to the end of its data. */
  static List<SsiItem> readAll(ByteBuf in) {
    List<SsiItem> items = new ArrayList<>();
    while (in.isReadable()) {
      items.add(read(in));
    }
    return items;
  }

  boolean awaitingAuthorization() {
    return data.contains(TLV_AWAITING_AUTHORIZATION);
  }

  /** The same item without TLV 0x0066, as the server sends it in 13/09 once authorization is granted. */
  SsiItem authorized() {
    return new SsiItem(name, groupId, itemId, type, new TlvChain(
        data.tlvs().stream().filter(tlv -> tlv.type() != TLV_AWAITING_AUTHORIZATION).toList()));
  }

  /** A group with {@code id} appended to its TLV 0x00C8. */
  SsiItem withMember(int id) {
    byte[] members = data.bytes(TLV_MEMBER_IDS).orElse(new byte[0]);
    byte[] grown = java.util.Arrays.copyOf(members, members.length + 2);
    grown[members.length] = (byte) (id >> 8);
    grown[members.length + 1] = (byte) id;
    List<Tlv> tlvs = new ArrayList<>();
    boolean replaced = false;
    for (Tlv tlv : data.tlvs()) {
      if (tlv.type() == TLV_MEMBER_IDS && !replaced) {
        tlvs.add(new Tlv(TLV_MEMBER_IDS, grown));
        replaced = true;
      } else {
        tlvs.add(tlv);
      }
    }
    if (!replaced) {
      tlvs.add(new Tlv(TLV_MEMBER_IDS, grown));
    }
    return new SsiItem(name, groupId, itemId, type, new TlvChain(tlvs));
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
