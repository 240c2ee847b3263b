package net.icqtransport.oscar.snac.buddy;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
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
  /**
   * User class bit 0x0020 of TLV 0x01: the user is away the AIM way (it has set an away message with 02/04).
   * AIM has no status word; ICQ clients say more with TLV 0x06.
   */
  public static final int CLASS_AWAY = 0x0020;

  /** TLV 0x01, the user class (nick flags), if present: a u16 in every dump, a u32 in the reference's tables. */
  public OptionalInt userClass() {
    return tlvs.find(0x01).filter(t -> t.length() == 2 || t.length() == 4)
        .map(t -> OptionalInt.of((int) t.asUnsigned())).orElse(OptionalInt.empty());
  }

  /** Whether the user class carries {@link #CLASS_AWAY}. */
  public boolean awayByClass() {
    return (userClass().orElse(0) & CLASS_AWAY) != 0;
  }

  /**
   * TLV 0x04, how long the user's client has been idle, in minutes (a u16, as AIM clients and libpurple read it;
   * the iserverd table says seconds), if present and not zero.
   */
  public OptionalInt idleMinutes() {
    return tlvs.find(0x04).filter(t -> t.length() == 2 || t.length() == 4)
        .map(t -> (int) Math.min(Integer.MAX_VALUE, t.asUnsigned())).filter(m -> m > 0)
        .map(OptionalInt::of).orElse(OptionalInt.empty());
  }

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
