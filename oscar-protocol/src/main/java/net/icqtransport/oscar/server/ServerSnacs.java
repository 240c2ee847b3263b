package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.icqtransport.oscar.flap.FlapChannel;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Builders for everything the simulated server sends, one method per packet of the iserverd reference (the
 * file each follows is named in its Javadoc). Pure functions of their arguments, so tests can compare them
 * with the reference dumps byte for byte.
 */
final class ServerSnacs {
  /** FLAP version that opens every connection, in both directions ({@code 00 00 00 01}). */
  static final byte[] FLAP_VERSION = {0, 0, 0, 1};

  /** TLVs of the login replies and of channel-4 frames (reference {@code tlv_tags}, {@code snac_17_03}). */
  static final int TLV_SCREEN_NAME = 0x01;
  static final int TLV_ERROR_URL = 0x04;
  static final int TLV_BOS_ADDRESS = 0x05;
  static final int TLV_COOKIE = 0x06;
  static final int TLV_ERROR_CODE = 0x08;
  static final int TLV_DISCONNECT_REASON = 0x09;
  static final int TLV_DISCONNECT_URL = 0x0B;

  // Service rights as a 2005 ICQ server sent them (data parts of the dumps in snac_02_03, snac_03_03,
  // snac_04_05, snac_09_03 and snac_13_03).
  private static final byte[] LOCATION_RIGHTS = hex("00010002040000020002001000030002000a000400021000");
  private static final byte[] BUDDY_RIGHTS = hex("0002000202ee000100020258000300020200");
  private static final byte[] ICBM_PARAMS = hex("0002000000030200" + "03e703e7000003e8");
  private static final byte[] PRIVACY_RIGHTS = hex("0002000200c80001000200c8");
  private static final byte[] SSI_RIGHTS = hex("0004002a"
      + "025800330080008000010001003200000000000300000000000000800080001400c8000100000001" + "0000"
      + "0002000200fe0003000201fc00050002000000060002006100070002000a");

  private ServerSnacs() {}

  // ---- FLAP channels 1 and 4 ----

  /** The first frame on every connection: channel 1, {@code 00 00 00 01}. */
  static FlapFrame signOnHello() {
    return FlapFrame.of(FlapChannel.SIGNON, FLAP_VERSION);
  }

  /** A channel-4 close with TLV 0x09 reason (u16). */
  static FlapFrame signOff(int reason) {
    return channelFour(TlvChain.of(Tlv.ofU16(TLV_DISCONNECT_REASON, reason)));
  }

  /** A channel-4 close with no TLVs (as for a refused BOS cookie). */
  static FlapFrame signOffWithoutReason() {
    return FlapFrame.of(FlapChannel.SIGNOFF, new byte[0]);
  }

  /** The reply to a channel-1 login ({@code srv_cookie} or {@code auth_failed}): TLVs on channel 4. */
  static FlapFrame channelFour(TlvChain tlvs) {
    return FlapFrame.of(FlapChannel.SIGNOFF, bytes(tlvs::writeChain));
  }

  // ---- Family 0x17: authorization ----

  /**
   * 17/07 (reference {@code snac_17_07}): u16 key length, then the key. The reference's table and dump show a
   * 4-byte length; AOL's servers and clients used 2 bytes, and so does this simulator.
   */
  static Snac authKey(long requestId, String key) {
    byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
    return Snac.build(SnacType.AUTH_KEY_REPLY, requestId, out -> {
      out.writeShort(keyBytes.length);
      out.writeBytes(keyBytes);
    });
  }

  /** TLVs of a successful login: 0x01 screen name, 0x05 BOS "host:port", 0x06 cookie. */
  static TlvChain loginSuccessTlvs(String screenName, String bosAddress, byte[] cookie) {
    return TlvChain.of(
        Tlv.ofAscii(TLV_SCREEN_NAME, screenName),
        Tlv.ofAscii(TLV_BOS_ADDRESS, bosAddress),
        new Tlv(TLV_COOKIE, cookie));
  }

  /** TLVs of a failed login: 0x01 screen name, 0x08 error code, 0x04 URL (if given). */
  static TlvChain loginFailureTlvs(String screenName, int errorCode, String url) {
    TlvChain tlvs = TlvChain.of(Tlv.ofAscii(TLV_SCREEN_NAME, screenName), Tlv.ofU16(TLV_ERROR_CODE, errorCode));
    return url == null ? tlvs : tlvs.with(Tlv.ofAscii(TLV_ERROR_URL, url));
  }

  /** 17/03 (reference {@code snac_17_03}): the login reply, success or error, as a TLV chain. */
  static Snac loginReply(long requestId, TlvChain tlvs) {
    return Snac.build(SnacType.AUTH_LOGIN_REPLY, requestId, tlvs::writeChain);
  }

  // ---- Family 0x01: generic service controls ----

  /** 01/03 (reference {@code snac_01_03}): the families this server offers. */
  static Snac families(long requestId, List<Integer> families) {
    return Snac.build(SnacType.SERVICE_SERVER_FAMILIES, requestId, out -> families.forEach(out::writeShort));
  }

  /** 01/18 (reference {@code snac_01_18}): family number and version pairs, in map order. */
  static Snac familyVersions(long requestId, Map<Integer, Integer> versions) {
    return Snac.build(SnacType.SERVICE_FAMILY_VERSIONS, requestId, out -> versions.forEach((family, version) -> {
      out.writeShort(family);
      out.writeShort(version);
    }));
  }

  /** 01/07 (reference {@code snac_01_07}): class count, every class's parameters, then every class's group. */
  static Snac rateParams(long requestId, List<RateClass> classes) {
    return Snac.build(SnacType.SERVICE_RATE_PARAMS, requestId, out -> {
      out.writeShort(classes.size());
      classes.forEach(rateClass -> rateClass.writeParametersTo(out));
      classes.forEach(rateClass -> rateClass.writeGroupTo(out));
    });
  }

  /** 01/0F (reference {@code snac_01_0f}): the client's own user-info block. */
  static Snac selfInfo(long requestId, UserInfoBlock self) {
    return Snac.build(SnacType.SERVICE_SELF_INFO, requestId, self::writeTo);
  }

  /**
   * 01/05 (reference {@code snac_01_05}): TLV 0x0D family, TLV 0x05 "host:port" of the service, TLV 0x06 the
   * one-time cookie, in the dump's order.
   */
  static Snac serviceRedirect(long requestId, int family, String address, byte[] cookie) {
    return snac(0x01, 0x05, requestId, TlvChain.of(Tlv.ofU16(0x0D, family), Tlv.ofAscii(TLV_BOS_ADDRESS, address),
        new Tlv(TLV_COOKIE, cookie))::writeChain);
  }

  /** The prefix block of server 01/0A (reference dump): TLV 0x0001 = family version 3. */
  private static final byte[] RATE_CHANGE_PREFIX = hex("000100020003");

  /**
   * 01/0A (reference {@code snac_01_0a}): code (1 changed, 2 warning, 3 limited, 4 clear), then the class
   * parameters with its current level. As in the dump, SNAC flag 0x8000 and a prefix block (family version),
   * which {@link Snac#encode()} cannot write, so this is a frame.
   */
  static FlapFrame rateChange(long requestId, int code, RateClass rateClass) {
    return FlapFrame.of(FlapChannel.DATA, bytes(out -> {
      out.writeShort(0x01);
      out.writeShort(0x0A);
      out.writeShort(Snac.FLAG_HAS_PREFIX);
      out.writeInt((int) requestId);
      out.writeShort(RATE_CHANGE_PREFIX.length);
      out.writeBytes(RATE_CHANGE_PREFIX);
      out.writeShort(code);
      rateClass.writeParametersTo(out);
    }));
  }

  /** xx/01 (reference {@code snac_01_01}): a family's error reply, u16 code and no subcode. */
  static Snac error(int family, long requestId, int code) {
    return snac(family, 0x01, requestId, out -> out.writeShort(code));
  }

  // ---- Rights (families 0x02, 0x03, 0x04, 0x09, 0x13) ----

  /** 02/03 (reference {@code snac_02_03}). */
  static Snac locationRights(long requestId) {
    return Snac.build(SnacType.LOCATION_RIGHTS, requestId, out -> out.writeBytes(LOCATION_RIGHTS));
  }

  /** 03/03 (reference {@code snac_03_03}). */
  static Snac buddyRights(long requestId) {
    return Snac.build(SnacType.BUDDY_RIGHTS, requestId, out -> out.writeBytes(BUDDY_RIGHTS));
  }

  /** 04/05 (reference {@code snac_04_05}). */
  static Snac icbmParams(long requestId) {
    return Snac.build(SnacType.ICBM_PARAMS, requestId, out -> out.writeBytes(ICBM_PARAMS));
  }

  /** 09/03 (reference {@code snac_09_03}). */
  static Snac privacyRights(long requestId) {
    return Snac.build(SnacType.PRIVACY_RIGHTS, requestId, out -> out.writeBytes(PRIVACY_RIGHTS));
  }

  /** 13/03 (reference {@code snac_13_03}). */
  static Snac ssiRights(long requestId) {
    return Snac.build(SnacType.SSI_RIGHTS, requestId, out -> out.writeBytes(SSI_RIGHTS));
  }

  // ---- Family 0x13: server-stored information ----

  /**
   * 13/06 (reference {@code snac_13_06}): version byte 0, item count, items, last change time. A list longer
   * than {@code maxDataBytes} is split over several SNACs with flag 0x0001 on all but the last; only the last
   * carries the change time, and each count covers its own SNAC.
   */
  static List<Snac> ssiList(long requestId, List<SsiItem> items, long lastChange, int maxDataBytes) {
    List<Snac> result = new ArrayList<>();
    List<SsiItem> part = new ArrayList<>();
    int partBytes = 3;
    for (SsiItem item : items) {
      int length = item.encodedLength();
      if (!part.isEmpty() && partBytes + length + 4 > maxDataBytes) {
        result.add(ssiListPart(requestId, part, -1));
        part.clear();
        partBytes = 3;
      }
      part.add(item);
      partBytes += length;
    }
    result.add(ssiListPart(requestId, part, lastChange));
    return result;
  }

  private static Snac ssiListPart(long requestId, List<SsiItem> items, long lastChange) {
    byte[] data = bytes(out -> {
      out.writeByte(0);
      out.writeShort(items.size());
      items.forEach(item -> item.writeTo(out));
      if (lastChange >= 0) {
        out.writeInt((int) lastChange);
      }
    });
    int flags = lastChange >= 0 ? 0 : Snac.FLAG_MORE_REPLIES;
    return new Snac(SnacType.SSI_LIST.family(), SnacType.SSI_LIST.subtype(), flags, requestId, data);
  }

  /** 13/0F (reference {@code snac_13_0f}): the client's copy is current. */
  static Snac ssiUpToDate(long requestId, long lastChange, int itemCount) {
    return Snac.build(SnacType.SSI_UP_TO_DATE, requestId, out -> {
      out.writeInt((int) lastChange);
      out.writeShort(itemCount);
    });
  }

  // ---- Family 0x03: buddy presence ----

  /** 03/0B (reference {@code snac_03_0b}): a contact is online, or changed status. */
  static Snac buddyOnline(long requestId, UserInfoBlock user) {
    return Snac.build(SnacType.BUDDY_ONLINE, requestId, user::writeTo);
  }

  /** 03/0C (reference {@code snac_03_0c}): a contact went offline; the block holds only a class TLV of 0. */
  static Snac buddyOffline(long requestId, String screenName) {
    UserInfoBlock block = new UserInfoBlock(screenName, 0, TlvChain.of(Tlv.ofU16(0x01, 0)));
    return Snac.build(SnacType.BUDDY_OFFLINE, requestId, block::writeTo);
  }

  // ---- Family 0x04: ICBM ----

  /**
   * 04/07 (reference {@code snac_04_07}): cookie, channel, the sender's user-info block, then the message
   * TLVs exactly as given (TLV 0x02 of a channel-1 message is relayed as the sender wrote it).
   */
  static Snac icbmReceive(long requestId, byte[] cookie, int channel, UserInfoBlock sender, TlvChain messageTlvs) {
    return Snac.build(SnacType.ICBM_RECEIVE, requestId, out -> {
      out.writeBytes(cookie);
      out.writeShort(channel);
      sender.writeTo(out);
      messageTlvs.writeChain(out);
    });
  }

  /** 04/0C (reference {@code snac_04_0c}): the server accepted the message; same request id as the 04/06. */
  static Snac icbmServerAck(long requestId, byte[] cookie, int channel, String screenName) {
    return Snac.build(SnacType.ICBM_SERVER_ACK, requestId, out -> {
      out.writeBytes(cookie);
      out.writeShort(channel);
      UserInfoBlock.writeScreenName(out, screenName);
    });
  }

  /** 04/14 (reference {@code snac_04_14}): typing notification, with the other party's screen name. */
  static Snac typing(long requestId, byte[] cookie, int channel, String screenName, int notificationType) {
    return Snac.build(SnacType.ICBM_TYPING, requestId, out -> {
      out.writeBytes(cookie);
      out.writeShort(channel);
      UserInfoBlock.writeScreenName(out, screenName);
      out.writeShort(notificationType);
    });
  }

  // ---- Family 0x15: ICQ extensions ----

  /**
   * 15/03 with meta type 0x0042 (reference {@code snac_15_03_0042}): end of offline messages. The chunk inside
   * TLV 0x01 is little-endian: size, UIN, type, sequence, then a "dropped messages" flag byte.
   */
  static Snac offlineMessagesEnd(long requestId, long uin, int sequence) {
    return snac(0x15, 0x03, requestId, out -> {
      out.writeShort(0x0001);
      out.writeShort(11);
      out.writeShortLE(9);
      out.writeIntLE((int) uin);
      out.writeShortLE(0x0042);
      out.writeShortLE(sequence);
      out.writeByte(0);
    });
  }

  // ---- helpers ----

  static Snac snac(int family, int subtype, long requestId, Consumer<ByteBuf> body) {
    return new Snac(family, subtype, 0, requestId, bytes(body));
  }

  static byte[] bytes(Consumer<ByteBuf> body) {
    ByteBuf buffer = Unpooled.buffer();
    body.accept(buffer);
    byte[] data = new byte[buffer.readableBytes()];
    buffer.readBytes(data);
    return data;
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
