package net.icqtransport.oscar.snac.buddy;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacIo;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The online user-info block (iserverd "info_block"): screen name (u8 length), warning level u16, TLV count u16
 * and that many TLVs (0x01 class, 0x06 status, 0x0C DC info, …). Found in SNAC(03,0B), (03,0C), (04,07), (01,0F).
 */
public record UserInfo(String screenName, int warningLevel, TlvChain tlvs) {

  /** TLV 0x06, the ICQ status u32 (high word flags, low word status), if present. */
  public OptionalLong status() {
    return tlvs.find(0x06).filter(t -> t.length() == 4 || t.length() == 2)
        .map(t -> OptionalLong.of(t.asUnsigned())).orElse(OptionalLong.empty());
  }

  /** Whether TLV 0x0D (capability GUIDs, 16 bytes each) lists {@code guid}. */
  public boolean hasCapability(byte[] guid) {
    byte[] caps = tlvs.bytes(0x0D).orElse(new byte[0]);
    for (int i = 0; i + 16 <= caps.length; i += 16) {
      if (java.util.Arrays.equals(caps, i, i + 16, guid, 0, guid.length)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the block has TLV 0x0D at all (a block without it says nothing about capabilities). */
  public boolean hasCapabilityList() {
    return tlvs.contains(0x0D);
  }

  /**
   * The buddy-icon MD5 of TLV 0x1D (BART ids: type u16, flags u8, length u8, data; type 0x0001 is the buddy
   * icon). Empty without an icon, and for the all-zero or short placeholders servers send for "none".
   */
  public java.util.Optional<byte[]> buddyIconHash() {
    ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(tlvs.bytes(0x1D).orElse(new byte[0]));
    while (in.readableBytes() >= 4) {
      int type = in.readUnsignedShort();
      in.skipBytes(1);
      int length = in.readUnsignedByte();
      if (length > in.readableBytes()) {
        break;
      }
      byte[] data = new byte[length];
      in.readBytes(data);
      if (type == 0x0001 && length == 16 && !java.util.Arrays.equals(data, new byte[16])) {
        return java.util.Optional.of(data);
      }
    }
    return java.util.Optional.empty();
  }

  /** Reads one block and leaves the buffer just after it. */
  public static UserInfo read(ByteBuf in) {
    String name = SnacIo.readScreenName(in);
    int warning = SnacIo.readU16(in, "warning level");
    TlvChain tlvs = TlvChain.readBlock(in);
    return new UserInfo(name, warning, tlvs);
  }

  /** All blocks of SNAC(03,0B) or SNAC(03,0C) (servers may put several into one SNAC). */
  public static List<UserInfo> readAll(Snac snac) {
    if (!snac.is(SnacType.BUDDY_ONLINE) && !snac.is(SnacType.BUDDY_OFFLINE)) {
      throw new IllegalArgumentException("not SNAC(03,0B/0C): " + snac);
    }
    ByteBuf in = snac.dataBuffer();
    List<UserInfo> result = new ArrayList<>();
    while (in.isReadable()) {
      result.add(read(in));
    }
    return result;
  }
}
