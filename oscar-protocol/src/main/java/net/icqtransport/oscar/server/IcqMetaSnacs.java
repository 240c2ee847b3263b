package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import net.icqtransport.oscar.snac.Snac;

/**
 * Server-sent family 0x15 SNACs (reference {@code snac_15_03} and the {@code snac_15_03_*} pages): TLV 0x01
 * holding a little-endian chunk of size, UIN, reply type, sequence, then the reply's data; 0x07DA replies add a
 * subtype and a status byte (0x0A success). Strings are u16 LE length (NUL included), bytes, NUL.
 */
final class IcqMetaSnacs {
  static final int OFFLINE_MESSAGE = 0x0041;
  static final int META_REPLY = 0x07DA;
  static final int SUCCESS = 0x0A;
  /** The status byte of a failed lookup or an empty search; the references say only "not 0x0A". */
  static final int NOT_FOUND = 0x32;

  static final int BASIC_INFO = 0x00C8;
  static final int WORK_INFO = 0x00D2;
  static final int MORE_INFO = 0x00DC;
  static final int NOTES = 0x00E6;
  static final int EMAILS = 0x00EB;
  static final int INTERESTS = 0x00F0;
  static final int AFFILIATIONS = 0x00FA;
  static final int SHORT_INFO = 0x0104;
  static final int HOMEPAGE_CATEGORY = 0x010E;
  static final int USER_FOUND = 0x01A4;
  static final int LAST_USER_FOUND = 0x01AE;
  static final int PROCESSING_ERROR = 0x0001;

  private IcqMetaSnacs() {}

  /** 15/03 with any reply type; {@code more} sets SNAC flag 0x0001 (more replies follow). */
  static Snac reply(long requestId, boolean more, long uin, int type, int sequence, Consumer<ByteBuf> body) {
    ByteBuf chunk = Unpooled.buffer();
    chunk.writeShortLE(0);
    chunk.writeIntLE((int) uin);
    chunk.writeShortLE(type);
    chunk.writeShortLE(sequence);
    body.accept(chunk);
    chunk.setShortLE(0, chunk.readableBytes() - 2);
    byte[] bytes = new byte[chunk.readableBytes()];
    chunk.readBytes(bytes);
    ByteBuf data = Unpooled.buffer();
    data.writeShort(0x0001);
    data.writeShort(bytes.length);
    data.writeBytes(bytes);
    byte[] payload = new byte[data.readableBytes()];
    data.readBytes(payload);
    return new Snac(0x15, 0x03, more ? Snac.FLAG_MORE_REPLIES : 0, requestId, payload);
  }

  /** 15/03 0x07DA: subtype (LE) then {@code body}, which starts with the status byte. */
  static Snac meta(long requestId, boolean more, long uin, int sequence, int subtype, Consumer<ByteBuf> body) {
    return reply(requestId, more, uin, META_REPLY, sequence, out -> {
      out.writeShortLE(subtype);
      body.accept(out);
    });
  }

  /**
   * 15/03 0x0041 (reference {@code snac_15_03_0041}), flag 0x0001: sender UIN, year (LE), month, day, hour,
   * minute (UTC), type, flags, u16 LE length and the text with its NUL.
   */
  static Snac offlineMessage(long requestId, long uin, int sequence, OfflineMessage message) {
    ZonedDateTime at = message.sentAt().atZone(ZoneOffset.UTC);
    return reply(requestId, true, uin, OFFLINE_MESSAGE, sequence, out -> {
      out.writeIntLE((int) message.senderUin());
      out.writeShortLE(at.getYear());
      out.writeByte(at.getMonthValue());
      out.writeByte(at.getDayOfMonth());
      out.writeByte(at.getHour());
      out.writeByte(at.getMinute());
      out.writeByte(message.type());
      out.writeByte(message.flags());
      writeString(out, message.text());
    });
  }

  /** 0x00C8 (reference {@code snac_15_03_07da_00c8}). */
  static void basicInfo(ByteBuf out, UserDetails d) {
    out.writeByte(SUCCESS);
    for (String s : new String[] {d.nickname(), d.firstName(), d.lastName(), d.email(), d.city(), d.state(),
        d.phone(), d.fax(), d.address(), d.cellPhone(), d.zip()}) {
      writeString(out, s);
    }
    out.writeShortLE(d.countryCode());
    out.writeByte(d.gmtOffset());
    out.writeByte(d.authRequired() ? 1 : 0);
    out.writeByte(d.webAware() ? 1 : 0);
    out.writeByte(0);
    out.writeByte(0);
  }

  /** 0x00DC (reference {@code snac_15_03_07da_00dc}); like the dump, without the table's time-zone byte. */
  static void moreInfo(ByteBuf out, UserDetails d) {
    out.writeByte(SUCCESS);
    out.writeShortLE(d.age());
    out.writeByte(d.gender());
    writeString(out, d.homepage());
    out.writeShortLE(d.birthYear());
    out.writeByte(d.birthMonth());
    out.writeByte(d.birthDay());
    for (int language : d.languages()) {
      out.writeByte(language);
    }
    out.writeShortLE(0);
    writeString(out, "");
    writeString(out, "");
    out.writeShortLE(0);
  }

  /** 0x00D2 (reference {@code snac_15_03_07da_00d2}): the directory keeps no work details, all empty. */
  static void workInfo(ByteBuf out) {
    out.writeByte(SUCCESS);
    for (int i = 0; i < 6; i++) {
      writeString(out, "");
    }
    out.writeShortLE(0);
    for (int i = 0; i < 3; i++) {
      writeString(out, "");
    }
    out.writeShortLE(0);
    writeString(out, "");
  }

  /** 0x00E6 (reference {@code snac_15_03_07da_00e6}): the "about" text. */
  static void notes(ByteBuf out, UserDetails d) {
    out.writeByte(SUCCESS);
    writeString(out, d.about());
  }

  /** 0x00EB (reference {@code snac_15_03_07da_00eb}): no additional e-mail addresses. */
  static void emails(ByteBuf out) {
    out.writeByte(SUCCESS);
    out.writeByte(0);
  }

  /** 0x00F0 (reference {@code snac_15_03_07da_00f0}): "always 4" interests, empty. */
  static void interests(ByteBuf out) {
    out.writeByte(SUCCESS);
    out.writeByte(4);
    for (int i = 0; i < 4; i++) {
      out.writeShortLE(0);
      writeString(out, "");
    }
  }

  /**
   * 0x00FA (reference {@code snac_15_03_07da_00fa}): "always 3" past and 3 affiliation entries, empty, then the
   * five bytes {@code 00 00 01 00 00} the dump ends with (unexplained there; kept so the shape matches).
   */
  static void affiliations(ByteBuf out) {
    out.writeByte(SUCCESS);
    for (int list = 0; list < 2; list++) {
      out.writeByte(3);
      for (int i = 0; i < 3; i++) {
        out.writeShortLE(0);
        writeString(out, "");
      }
    }
    out.writeShortLE(0);
    writeString(out, "");
  }

  /** 0x010E (reference {@code snac_15_03_07da_010e}): homepage category disabled. */
  static void homepageCategory(ByteBuf out) {
    out.writeByte(SUCCESS);
    out.writeByte(0);
    out.writeShortLE(0);
    writeString(out, "");
    out.writeByte(0);
  }

  /** 0x0104 (reference {@code snac_15_03_07da_0104}). */
  static void shortInfo(ByteBuf out, UserDetails d) {
    out.writeByte(SUCCESS);
    writeString(out, d.nickname());
    writeString(out, d.firstName());
    writeString(out, d.lastName());
    writeString(out, d.email());
    out.writeByte(d.authRequired() ? 1 : 0);
    out.writeByte(0);
    out.writeByte(d.gender());
  }

  /**
   * 0x01A4 / 0x01AE (references {@code snac_15_03_07da_01a4}, {@code _01ae}): u16 LE size of what follows, UIN,
   * names, e-mail, auth flag, online status u16 (0 offline, 1 online, 2 not web-aware), gender, age; the last
   * one adds the count of users left. The size is what both dumps show: every byte after it, minus four (the
   * table does not say what it counts; 0x3D in the 0x01A4 dump, 0x43 in the 0x01AE dump).
   */
  static void found(ByteBuf out, long uin, UserDetails d, int onlineStatus, Long usersLeft) {
    out.writeByte(SUCCESS);
    ByteBuf entry = Unpooled.buffer();
    entry.writeIntLE((int) uin);
    writeString(entry, d.nickname());
    writeString(entry, d.firstName());
    writeString(entry, d.lastName());
    writeString(entry, d.email());
    entry.writeByte(d.authRequired() ? 1 : 0);
    entry.writeShortLE(onlineStatus);
    entry.writeByte(d.gender());
    entry.writeShortLE(d.age());
    if (usersLeft != null) {
      entry.writeIntLE(usersLeft.intValue());
    }
    out.writeShortLE(entry.readableBytes() - 4);
    out.writeBytes(entry);
  }

  /** 0x0001 (reference {@code snac_15_03_07da_0001}): error code 0x46 and an ASCIIZ description. */
  static void processingError(ByteBuf out, String description) {
    out.writeByte(0x46);
    out.writeBytes(description.getBytes(StandardCharsets.US_ASCII));
    out.writeByte(0);
  }

  static void writeString(ByteBuf out, String s) {
    writeString(out, s.getBytes(StandardCharsets.UTF_8));
  }

  static void writeString(ByteBuf out, byte[] bytes) {
    out.writeShortLE(bytes.length + 1);
    out.writeBytes(bytes);
    out.writeByte(0);
  }
}
