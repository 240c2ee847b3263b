package net.icqtransport.oscar.snac.ssi;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.tlv.Tlv;
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
  /** The privacy settings item (TLV 0x00CA holds the mode). */
  public static final int TYPE_PRIVACY = 0x0004;
  /** Group TLV: the item ids of its members (u16 each); in the root group, the group ids. */
  public static final int TLV_MEMBERS = 0x00C8;
  /** Privacy item TLV: u8 mode (1 allow all, 2 block all, 3 permit list only, 4 block deny list, 5 contacts only). */
  public static final int TLV_PRIVACY_MODE = 0x00CA;
  /** Buddy TLV (empty): the contact has not authorized the user yet. */
  public static final int TLV_AWAITING_AUTH = 0x0066;
  /** Buddy TLV: the name the user gave the contact. */
  public static final int TLV_NICKNAME = 0x0131;

  public SsiItem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tlvs, "tlvs");
  }

  public Optional<String> nickname() {
    return tlvs.bytes(TLV_NICKNAME).map(b -> new String(b, StandardCharsets.UTF_8)).filter(s -> !s.isBlank());
  }

  /** TLV 0x0066: the contact has not authorized the user yet. */
  public boolean awaitingAuthorization() {
    return tlvs.contains(TLV_AWAITING_AUTH);
  }

  /** A group's member ids (TLV 0x00C8), in order; empty when it has none. */
  public List<Integer> memberIds() {
    byte[] value = tlvs.bytes(TLV_MEMBERS).orElse(new byte[0]);
    List<Integer> ids = new ArrayList<>(value.length / 2);
    for (int i = 0; i + 1 < value.length; i += 2) {
      ids.add(((value[i] & 0xFF) << 8) | (value[i + 1] & 0xFF));
    }
    return ids;
  }

  /** This item with its TLVs of {@code type} replaced by {@code replacement} (appended; none when null). */
  public SsiItem withTlv(int type, Tlv replacement) {
    List<Tlv> kept = new ArrayList<>();
    for (Tlv tlv : tlvs.tlvs()) {
      if (tlv.type() != type) {
        kept.add(tlv);
      }
    }
    if (replacement != null) {
      kept.add(replacement);
    }
    return new SsiItem(name, groupId, itemId, this.type, new TlvChain(kept));
  }

  /** This item without TLVs of {@code type}. */
  public SsiItem withoutTlv(int type) {
    return withTlv(type, null);
  }

  /** This group with member list TLV 0x00C8 set to {@code ids}. */
  public SsiItem withMemberIds(List<Integer> ids) {
    byte[] value = new byte[2 * ids.size()];
    for (int i = 0; i < ids.size(); i++) {
      value[2 * i] = (byte) (ids.get(i) >>> 8);
      value[2 * i + 1] = (byte) (int) ids.get(i);
    }
    return withTlv(TLV_MEMBERS, Tlv.ofBytes(TLV_MEMBERS, value));
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
