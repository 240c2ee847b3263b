package net.icqtransport.oscar.server;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The three user-info blocks the server sends, with TLVs in the order of the reference dumps: presence
 * (03/0B), message sender (04/07) and self (01/0F). Times are unix seconds; the user class is a u16, as in
 * every dump (the tables say u32).
 */
final class UserInfoBlocks {
  /** User class 0x0010 free + 0x0040 ICQ, as ICQ servers sent it. */
  static final int CLASS_ICQ = 0x0050;
  /** User class 0x0010 free, as an AIM screen name's. */
  static final int CLASS_AIM = 0x0010;
  /** User class bit 0x0020: away, while the user has an away message set (OSCAR-ICQ.md, user class bits). */
  static final int CLASS_AWAY = 0x0020;

  /** ICQ's class for a numeric name (a UIN), AIM's for any other screen name. */
  static int userClassOf(String screenName) {
    return !screenName.isEmpty() && screenName.chars().allMatch(c -> c >= '0' && c <= '9') ? CLASS_ICQ : CLASS_AIM;
  }

  static final int TLV_CLASS = 0x01;
  static final int TLV_SIGN_ON_TIME = 0x03;
  /** Idle time, u16 minutes (reference {@code info_block}, which says seconds; AIM clients count minutes). */
  static final int TLV_IDLE_TIME = 0x04;
  static final int TLV_MEMBER_SINCE = 0x05;
  static final int TLV_STATUS = 0x06;
  static final int TLV_EXTERNAL_IP = 0x0A;
  static final int TLV_DC_INFO = 0x0C;
  static final int TLV_CAPABILITIES = 0x0D;
  static final int TLV_ONLINE_SECONDS = 0x0F;
  static final int TLV_UNKNOWN_1E = 0x1E;
  /** BART id of the buddy icon: type u16 0x0001, flags u8, length u8, MD5 (OSCAR-ICQ.md, reference snac_10_07). */
  static final int TLV_BART_ID = 0x1D;
  static final int BART_TYPE_BUDDY_ICON = 0x0001;
  static final int BART_FLAGS = 0x01;

  private UserInfoBlocks() {}

  /**
   * 03/0B block (reference {@code snac_03_0b}): class, DC info (if the client sent one in 01/1E), external IP,
   * status, capabilities (if set with 02/04), online seconds, sign-on time.
   */
  static UserInfoBlock presence(String screenName, int userClass, byte[] dcInfo, long externalIp, long status,
      byte[] capabilities, long onlineSeconds, long signOnTime) {
    List<Tlv> tlvs = new ArrayList<>();
    tlvs.add(Tlv.ofU16(TLV_CLASS, userClass));
    if (dcInfo != null) {
      tlvs.add(new Tlv(TLV_DC_INFO, dcInfo));
    }
    tlvs.add(Tlv.ofU32(TLV_EXTERNAL_IP, externalIp));
    tlvs.add(Tlv.ofU32(TLV_STATUS, status));
    if (capabilities != null) {
      tlvs.add(new Tlv(TLV_CAPABILITIES, capabilities));
    }
    tlvs.add(Tlv.ofU32(TLV_ONLINE_SECONDS, onlineSeconds));
    tlvs.add(Tlv.ofU32(TLV_SIGN_ON_TIME, signOnTime));
    return new UserInfoBlock(screenName, 0, new TlvChain(tlvs));
  }

  /** 04/07 sender block (reference {@code snac_04_07_ch1}): class, status, online seconds, sign-on time. */
  static UserInfoBlock messageSender(String screenName, int userClass, long status, long onlineSeconds,
      long signOnTime) {
    return new UserInfoBlock(screenName, 0, TlvChain.of(
        Tlv.ofU16(TLV_CLASS, userClass),
        Tlv.ofU32(TLV_STATUS, status),
        Tlv.ofU32(TLV_ONLINE_SECONDS, onlineSeconds),
        Tlv.ofU32(TLV_SIGN_ON_TIME, signOnTime)));
  }

  /**
   * 01/0F block (second dump of reference {@code snac_01_0f}): class, status, online seconds, sign-on time,
   * external IP, TLV 0x1E (unknown, 0), member since.
   */
  static UserInfoBlock self(String screenName, int userClass, long status, long onlineSeconds, long signOnTime,
      long externalIp, long memberSince) {
    return new UserInfoBlock(screenName, 0, TlvChain.of(
        Tlv.ofU16(TLV_CLASS, userClass),
        Tlv.ofU32(TLV_STATUS, status),
        Tlv.ofU32(TLV_ONLINE_SECONDS, onlineSeconds),
        Tlv.ofU32(TLV_SIGN_ON_TIME, signOnTime),
        Tlv.ofU32(TLV_EXTERNAL_IP, externalIp),
        Tlv.ofU32(TLV_UNKNOWN_1E, 0),
        Tlv.ofU32(TLV_MEMBER_SINCE, memberSince)));
  }

  /** The block with TLV 0x04 (idle minutes, at most 0xFFFF) appended; as it was when not idle (0 minutes). */
  static UserInfoBlock withIdleMinutes(UserInfoBlock block, long minutes) {
    if (minutes <= 0) {
      return block;
    }
    return new UserInfoBlock(block.screenName(), block.warningLevel(),
        block.tlvs().with(Tlv.ofU16(TLV_IDLE_TIME, (int) Math.min(0xFFFF, minutes))));
  }

  /** The block with TLV 0x1D (BART id of the buddy icon) appended. */
  static UserInfoBlock withBartId(UserInfoBlock block, byte[] md5) {
    return new UserInfoBlock(block.screenName(), block.warningLevel(), block.tlvs().with(new Tlv(TLV_BART_ID, bartId(md5))));
  }

  /** A BART id: type 0x0001 (buddy icon), flags 0x01, length, hash. */
  static byte[] bartId(byte[] md5) {
    byte[] id = new byte[4 + md5.length];
    id[1] = BART_TYPE_BUDDY_ICON;
    id[2] = BART_FLAGS;
    id[3] = (byte) md5.length;
    System.arraycopy(md5, 0, id, 4, md5.length);
    return id;
  }

  /**
   * 02/06 fixed part (reference {@code snac_02_06}): class, status, DC info (if any), external IP, online time,
   * sign-on time, member since, in the table's order.
   */
  static UserInfoBlock location(String screenName, int userClass, long status, byte[] dcInfo, long externalIp,
      long onlineSeconds, long signOnTime, long memberSince) {
    List<Tlv> tlvs = new ArrayList<>();
    tlvs.add(Tlv.ofU16(TLV_CLASS, userClass));
    tlvs.add(Tlv.ofU32(TLV_STATUS, status));
    if (dcInfo != null) {
      tlvs.add(new Tlv(TLV_DC_INFO, dcInfo));
    }
    tlvs.add(Tlv.ofU32(TLV_EXTERNAL_IP, externalIp));
    tlvs.add(Tlv.ofU32(TLV_ONLINE_SECONDS, onlineSeconds));
    tlvs.add(Tlv.ofU32(TLV_SIGN_ON_TIME, signOnTime));
    tlvs.add(Tlv.ofU32(TLV_MEMBER_SINCE, memberSince));
    return new UserInfoBlock(screenName, 0, new TlvChain(tlvs));
  }
}
