package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Family 0x15, ICQ extensions, on the BOS connection: offline messages (references {@code snac_15_02_003c},
 * {@code _003e}, {@code snac_15_03_0041}, {@code _0042}), user info (0x04B2 / 0x04D0 full, 0x04BA short) and
 * searches (0x051F / 0x0569 by UIN, 0x0529 / 0x0573 by e-mail, 0x0515 by details, 0x0533 / 0x055F white pages;
 * reference {@code icq_search}). Other meta requests get the 0x0001 processing error.
 */
final class IcqFamily {
  private static final Logger LOG = LoggerFactory.getLogger(IcqFamily.class);

  static final int FULL_INFO = 0x04B2;
  static final int FULL_INFO_2 = 0x04D0;
  static final int SHORT_INFO = 0x04BA;
  static final int SEARCH_DETAILS = 0x0515;
  static final int SEARCH_UIN = 0x051F;
  static final int SEARCH_EMAIL = 0x0529;
  static final int WHITE_PAGES = 0x0533;
  static final int WHITE_PAGES_TLV = 0x055F;
  static final int SEARCH_UIN_TLV = 0x0569;
  static final int SEARCH_EMAIL_TLV = 0x0573;

  private static final int TLV_UIN = 0x0136;
  private static final int TLV_FIRST_NAME = 0x0140;
  private static final int TLV_LAST_NAME = 0x014A;
  private static final int TLV_NICKNAME = 0x0154;
  private static final int TLV_EMAIL = 0x015E;
  private static final int TLV_AGE_RANGE = 0x0168;
  private static final int TLV_GENDER = 0x017C;
  private static final int TLV_CITY = 0x0190;
  private static final int TLV_COUNTRY = 0x01A4;

  private final SimulatorState state;

  IcqFamily(SimulatorState state) {
    this.state = state;
  }

  /** 15/02; any other subtype is the caller's to refuse. */
  void onMetaRequest(BosSession session, long requestId, IcqMetaRequest request) {
    switch (request.type()) {
      case IcqMetaRequest.OFFLINE_MESSAGES -> sendOfflineMessages(session, requestId, request);
      case IcqMetaRequest.DELETE_OFFLINE_MESSAGES -> {
        state.deleteOfflineMessages(session.key(), session.offlineDelivered());
        session.offlineDelivered(List.of());
      }
      case IcqMetaRequest.META -> onMeta(session, requestId, request);
      default -> session.send(ServerSnacs.error(0x15, requestId, 0x0001));
    }
  }

  /** One 0x0041 per stored message (flag 0x0001), then 0x0042; nothing is deleted before 0x003E. */
  private void sendOfflineMessages(BosSession session, long requestId, IcqMetaRequest request) {
    List<OfflineMessage> messages = state.offlineMessages(session.key());
    for (OfflineMessage message : messages) {
      session.send(IcqMetaSnacs.offlineMessage(requestId, request.uin(), request.sequence(), message));
    }
    session.send(ServerSnacs.offlineMessagesEnd(requestId, request.uin(), request.sequence()));
    session.offlineDelivered(messages);
  }

  private void onMeta(BosSession session, long requestId, IcqMetaRequest request) {
    ByteBuf in = request.dataBuffer();
    switch (request.subtype()) {
      case FULL_INFO, FULL_INFO_2 -> fullInfo(session, requestId, request, readUin(in));
      case SHORT_INFO -> {
        long uin = readUin(in);
        Optional<UserDetails> details = state.details(Long.toString(uin));
        session.send(IcqMetaSnacs.meta(requestId, false, request.uin(), request.sequence(), IcqMetaSnacs.SHORT_INFO,
            out -> details.ifPresentOrElse(d -> IcqMetaSnacs.shortInfo(out, d), () -> out.writeByte(IcqMetaSnacs.NOT_FOUND))));
      }
      case SEARCH_UIN -> search(session, requestId, request, byUin(readUin(in)));
      case SEARCH_UIN_TLV -> search(session, requestId, request, leTlvs(in));
      case SEARCH_EMAIL -> search(session, requestId, request, new Criteria().email(IcqMetaRequest.readString(in)));
      case SEARCH_EMAIL_TLV -> search(session, requestId, request, leTlvs(in));
      case SEARCH_DETAILS -> {
        Criteria criteria = new Criteria();
        criteria.first = IcqMetaRequest.readString(in);
        criteria.last = IcqMetaRequest.readString(in);
        criteria.nick = IcqMetaRequest.readString(in);
        search(session, requestId, request, criteria);
      }
      case WHITE_PAGES -> {
        Criteria criteria = new Criteria();
        criteria.first = IcqMetaRequest.readString(in);
        criteria.last = IcqMetaRequest.readString(in);
        criteria.nick = IcqMetaRequest.readString(in);
        criteria.email = IcqMetaRequest.readString(in);
        WireReader.require(in, 6, "white pages ages and gender");
        criteria.minAge = in.readUnsignedShortLE();
        criteria.maxAge = in.readUnsignedShortLE();
        criteria.gender = in.readUnsignedByte();
        in.skipBytes(1);
        criteria.city = IcqMetaRequest.readString(in);
        search(session, requestId, request, criteria);
      }
      case WHITE_PAGES_TLV -> search(session, requestId, request, leTlvs(in));
      default -> {
        LOG.debug("{} sent meta request {}, not supported", session.screenName(), request);
        session.send(IcqMetaSnacs.meta(requestId, false, request.uin(), request.sequence(),
            IcqMetaSnacs.PROCESSING_ERROR, out -> IcqMetaSnacs.processingError(out, "Not supported by the simulator")));
      }
    }
  }

  /** In the order of reference {@code snac_15_02_07d0_04b2}; all but the last with flag 0x0001. */
  private void fullInfo(BosSession session, long requestId, IcqMetaRequest request, long target) {
    Optional<UserDetails> found = state.details(Long.toString(target));
    long uin = request.uin();
    int seq = request.sequence();
    if (found.isEmpty()) {
      session.send(IcqMetaSnacs.meta(requestId, false, uin, seq, IcqMetaSnacs.BASIC_INFO,
          out -> out.writeByte(IcqMetaSnacs.NOT_FOUND)));
      return;
    }
    UserDetails d = found.get();
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.BASIC_INFO, out -> IcqMetaSnacs.basicInfo(out, d)));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.MORE_INFO, out -> IcqMetaSnacs.moreInfo(out, d)));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.EMAILS, IcqMetaSnacs::emails));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.HOMEPAGE_CATEGORY, IcqMetaSnacs::homepageCategory));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.WORK_INFO, IcqMetaSnacs::workInfo));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.NOTES, out -> IcqMetaSnacs.notes(out, d)));
    session.send(IcqMetaSnacs.meta(requestId, true, uin, seq, IcqMetaSnacs.INTERESTS, IcqMetaSnacs::interests));
    session.send(IcqMetaSnacs.meta(requestId, false, uin, seq, IcqMetaSnacs.AFFILIATIONS, IcqMetaSnacs::affiliations));
  }

  /** 0x01A4 per hit but the last, 0x01AE for the last (users left 0), or an empty 0x01AE with 0x32. */
  private void search(BosSession session, long requestId, IcqMetaRequest request, Criteria criteria) {
    List<Map.Entry<String, UserDetails>> hits = new ArrayList<>();
    for (Map.Entry<String, UserDetails> entry : state.directory().entrySet()) {
      if (criteria.matches(entry.getKey(), entry.getValue())) {
        hits.add(entry);
      }
    }
    long uin = request.uin();
    int seq = request.sequence();
    if (hits.isEmpty()) {
      session.send(IcqMetaSnacs.meta(requestId, false, uin, seq, IcqMetaSnacs.LAST_USER_FOUND,
          out -> out.writeByte(IcqMetaSnacs.NOT_FOUND)));
      return;
    }
    for (int i = 0; i < hits.size(); i++) {
      boolean last = i == hits.size() - 1;
      Map.Entry<String, UserDetails> hit = hits.get(i);
      long foundUin = Long.parseLong(hit.getKey());
      int status = hit.getValue().webAware() ? (state.visibleSession(hit.getKey()).isPresent() ? 1 : 0) : 2;
      session.send(IcqMetaSnacs.meta(requestId, !last, uin, seq,
          last ? IcqMetaSnacs.LAST_USER_FOUND : IcqMetaSnacs.USER_FOUND,
          out -> IcqMetaSnacs.found(out, foundUin, hit.getValue(), status, last ? 0L : null)));
    }
  }

  private static long readUin(ByteBuf in) {
    WireReader.require(in, 4, "meta UIN");
    return in.readUnsignedIntLE();
  }

  private static Criteria byUin(long uin) {
    Criteria criteria = new Criteria();
    criteria.uin = uin;
    return criteria;
  }

  /** The little-endian TLVs of 0x0569, 0x0573 and 0x055F (references of those subtypes). */
  private static Criteria leTlvs(ByteBuf in) {
    Criteria criteria = new Criteria();
    while (in.isReadable()) {
      WireReader.require(in, 4, "meta TLV header");
      int type = in.readUnsignedShortLE();
      int length = in.readUnsignedShortLE();
      ByteBuf value = in.readSlice(Math.min(length, in.readableBytes()));
      if (value.readableBytes() != length) {
        throw new net.icqtransport.oscar.OscarProtocolException("truncated meta TLV " + type);
      }
      switch (type) {
        case TLV_UIN -> criteria.uin = readUin(value);
        case TLV_FIRST_NAME -> criteria.first = IcqMetaRequest.readString(value);
        case TLV_LAST_NAME -> criteria.last = IcqMetaRequest.readString(value);
        case TLV_NICKNAME -> criteria.nick = IcqMetaRequest.readString(value);
        case TLV_EMAIL -> criteria.email = IcqMetaRequest.readString(value);
        case TLV_CITY -> criteria.city = IcqMetaRequest.readString(value);
        case TLV_AGE_RANGE -> {
          WireReader.require(value, 4, "age range");
          criteria.minAge = value.readUnsignedShortLE();
          criteria.maxAge = value.readUnsignedShortLE();
        }
        case TLV_GENDER -> criteria.gender = WireReader.readBytes(value, 1, "gender")[0] & 0xFF;
        case TLV_COUNTRY -> {
          WireReader.require(value, 2, "country");
          criteria.country = value.readUnsignedShortLE();
        }
        default -> { }
      }
    }
    return criteria;
  }

  /** Search fields; empty strings and zeros are not used (reference {@code icq_search}). Exact, case-insensitive. */
  private static final class Criteria {
    long uin;
    String first = "";
    String last = "";
    String nick = "";
    String email = "";
    String city = "";
    int minAge;
    int maxAge;
    int gender;
    int country;

    Criteria email(String value) {
      this.email = value;
      return this;
    }

    boolean matches(String key, UserDetails d) {
      if (uin != 0 && !key.equals(Long.toString(uin))) {
        return false;
      }
      boolean anything = uin != 0;
      for (String[] field : new String[][] {{first, d.firstName()}, {last, d.lastName()}, {nick, d.nickname()},
          {email, d.email()}, {city, d.city()}}) {
        if (!field[0].isEmpty()) {
          anything = true;
          if (!field[0].toLowerCase(Locale.ROOT).equals(field[1].toLowerCase(Locale.ROOT))) {
            return false;
          }
        }
      }
      if (minAge != 0 || maxAge != 0) {
        anything = true;
        if (d.age() < minAge || maxAge != 0 && d.age() > maxAge) {
          return false;
        }
      }
      if (gender != 0) {
        anything = true;
        if (d.gender() != gender) {
          return false;
        }
      }
      if (country != 0) {
        anything = true;
        if (d.countryCode() != country) {
          return false;
        }
      }
      return anything;
    }
  }
}
