package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * Family 0x02, location: 02/04 keeps capabilities (TLV 0x05) and the profile and away message TLVs 0x01-0x04
 * as sent (reference {@code snac_02_04}); 02/05 (reference {@code snac_02_05}) and 02/15 ({@code snac_02_15})
 * are answered with 02/06 ({@code snac_02_06}), or 02/01 code 4 if the user is offline or invisible. While the
 * away message (TLV 0x04) is not empty the user class has the away bit 0x0020, and watchers get a fresh 03/0B
 * whenever the away message changes, as AIM servers announce going away and coming back. A profile the account
 * was given in the simulator ({@link OscarSimulator.Builder#profile}) stands for one its client set at sign-on.
 */
final class LocationFamily {
  static final int TLV_PROFILE_MIME = 0x01;
  static final int TLV_PROFILE = 0x02;
  static final int TLV_AWAY_MIME = 0x03;
  static final int TLV_AWAY_MESSAGE = 0x04;
  static final int TLV_CAPABILITIES = 0x05;

  /** 02/05 request types. */
  private static final int TYPE_GENERAL = 0x0001;
  private static final int TYPE_AWAY = 0x0003;
  private static final int TYPE_CAPABILITIES = 0x0004;
  /** 02/15 request flags. */
  private static final long FLAG_PROFILE = 0x1;
  private static final long FLAG_AWAY = 0x2;
  private static final long FLAG_CAPABILITIES = 0x4;

  private final SimulatorState state;

  LocationFamily(SimulatorState state) {
    this.state = state;
  }

  void onSetInfo(BosSession session, Snac snac) {
    TlvChain tlvs = TlvChain.readChain(snac.dataBuffer());
    tlvs.bytes(TLV_CAPABILITIES).ifPresent(session::capabilities);
    setInfo(state, session, tlvs);
  }

  /**
   * Keeps the TLVs 0x01-0x04 that {@code update} holds (the others stay as they were) and, if the away message
   * changed, tells the watchers with a 03/0B (class and away bit).
   */
  static void setInfo(SimulatorState state, BosSession session, TlvChain update) {
    TlvChain before = session.locationInfo();
    List<Tlv> kept = new ArrayList<>();
    for (int type = TLV_PROFILE_MIME; type <= TLV_AWAY_MESSAGE; type++) {
      int wanted = type;
      Optional<Tlv> tlv = update.find(type).or(() -> before.find(wanted));
      tlv.ifPresent(kept::add);
    }
    TlvChain after = new TlvChain(kept);
    session.locationInfo(after);
    byte[] none = new byte[0];
    if (!java.util.Arrays.equals(before.bytes(TLV_AWAY_MESSAGE).orElse(none), after.bytes(TLV_AWAY_MESSAGE).orElse(none))) {
      state.presenceChanged(session);
    }
  }

  /** 02/05: u16 type, screen name. */
  void onInfoRequest(BosSession session, Snac snac) {
    ByteBuf in = snac.dataBuffer();
    int type = WireReader.readU16(in, "02/05 type");
    String screenName = WireReader.readScreenName(in);
    long flags = switch (type) {
      case TYPE_GENERAL -> FLAG_PROFILE;
      case TYPE_AWAY -> FLAG_AWAY;
      case TYPE_CAPABILITIES -> FLAG_CAPABILITIES;
      default -> 0;
    };
    answer(session, snac.requestId(), screenName, flags);
  }

  /** 02/15: u32 flags, screen name. */
  void onUserInfoQuery(BosSession session, Snac snac) {
    ByteBuf in = snac.dataBuffer();
    long flags = WireReader.readU32(in, "02/15 flags");
    answer(session, snac.requestId(), WireReader.readScreenName(in), flags);
  }

  private void answer(BosSession session, long requestId, String screenName, long flags) {
    Optional<BosSession> target = state.visibleSession(ScreenNames.normalize(screenName));
    if (target.isEmpty()) {
      session.send(ServerSnacs.error(0x02, requestId, SimulatorState.ERROR_RECIPIENT_NOT_LOGGED_ON));
      return;
    }
    BosSession user = target.get();
    List<Tlv> parts = new ArrayList<>();
    TlvChain info = user.locationInfo();
    if ((flags & FLAG_PROFILE) != 0) {
      TlvChain profile = info.contains(TLV_PROFILE) ? info : state.profile(user.key());
      profile.find(TLV_PROFILE_MIME).ifPresent(parts::add);
      profile.find(TLV_PROFILE).ifPresent(parts::add);
    }
    if ((flags & FLAG_AWAY) != 0) {
      info.find(TLV_AWAY_MIME).ifPresent(parts::add);
      info.find(TLV_AWAY_MESSAGE).ifPresent(parts::add);
    }
    if ((flags & FLAG_CAPABILITIES) != 0 && user.capabilities() != null) {
      parts.add(new Tlv(TLV_CAPABILITIES, user.capabilities()));
    }
    session.send(LocationSnacs.userInfo(requestId, user.locationBlock(state.nowSeconds()), new TlvChain(parts)));
  }
}
