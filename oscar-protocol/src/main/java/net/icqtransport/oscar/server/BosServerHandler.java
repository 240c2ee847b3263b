package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.flap.FlapFrame;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BOS server (reference {@code login}, stages II-IV, and the families it lists), one instance per
 * connection. Until the client's channel-1 cookie is redeemed nothing else is accepted; afterwards every SNAC
 * passes the connection's {@link RateLimiter} and is answered by family (families 0x02, 0x13 edits and 0x15 in
 * their own classes), and anything unknown gets its family's error 0x0001 rather than silence.
 */
final class BosServerHandler extends SimpleChannelInboundHandler<FlapFrame> {
  private static final Logger LOG = LoggerFactory.getLogger(BosServerHandler.class);

  /** The families of 01/03, in that order, with the versions of 01/18 (as in reference {@code snac_01_18}). */
  static final Map<Integer, Integer> FAMILY_VERSIONS;

  static {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    versions.put(0x01, 3);
    versions.put(0x02, 1);
    versions.put(0x03, 1);
    versions.put(0x04, 1);
    versions.put(0x09, 1);
    versions.put(0x13, 4);
    versions.put(0x15, 1);
    FAMILY_VERSIONS = Collections.unmodifiableMap(versions);
  }

  /** The most SNAC data one 13/06 carries; longer lists are split over several (reference snac_13_06). */
  static final int SSI_SNAC_DATA_LIMIT = 8000;
  /** The service family 01/04 can redirect to (reference {@code service_request}). */
  static final int FAMILY_BART = 0x10;

  private static final int ERROR_INVALID_SNAC = 0x0001;
  private static final int ERROR_SERVICE_UNAVAILABLE = 0x0005;

  private final SimulatorState state;
  private final LocationFamily location;
  private final SsiFamily ssi;
  private final IcqFamily icq;
  private BosSession session;
  private RateLimiter rateLimiter;

  BosServerHandler(SimulatorState state) {
    this.state = state;
    this.location = new LocationFamily(state);
    this.ssi = new SsiFamily(state);
    this.icq = new IcqFamily(state);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush(ServerSnacs.signOnHello());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (session != null) {
      state.detach(session);
      LOG.debug("{} signed off", session.screenName());
    }
    ctx.fireChannelInactive();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FlapFrame frame) {
    switch (frame.channel()) {
      case SIGNON -> onSignOn(ctx, SignOnFrame.parse(frame));
      case DATA -> {
        if (session == null) {
          throw new OscarProtocolException("SNAC before the BOS cookie");
        }
        if (!session.retired()) {
          Snac snac = Snac.fromFrame(frame);
          RateLimiter.Verdict verdict = rateLimiter.check(snac, state.clock().millis(), session::send,
              session::nextRequestId);
          switch (verdict) {
            case PASS -> onSnac(snac);
            case DROP -> LOG.debug("{} rate-limited: dropping {}", session.screenName(), snac);
            case DISCONNECT -> {
              LOG.info("{} below the disconnect rate level: closing", session.screenName());
              ctx.close();
            }
          }
        }
      }
      case SIGNOFF -> ctx.close();
      case KEEPALIVE, ERROR -> { }
    }
  }

  /** cli_cookie: a fresh, known cookie signs the connection on; anything else gets an empty channel 4. */
  private void onSignOn(ChannelHandlerContext ctx, SignOnFrame signOn) {
    if (session != null) {
      throw new OscarProtocolException("second channel-1 frame on the BOS connection");
    }
    Optional<LoginGrant> login = signOn.tlvs().bytes(SignOnFrame.TLV_COOKIE).flatMap(state::redeemCookie);
    if (login.isEmpty()) {
      LOG.info("BOS server refusing {}: unknown or expired cookie", ctx.channel().remoteAddress());
      ctx.writeAndFlush(ServerSnacs.signOffWithoutReason()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    session = new BosSession(ctx.channel(), login.get(), state.nowSeconds());
    rateLimiter = new RateLimiter(state.rateClasses(), state.rateLimitsEnforced(), state.clock().millis());
    state.attach(session);
    LOG.debug("{} connected to BOS", session.screenName());
    session.send(ServerSnacs.families(session.nextRequestId(), List.copyOf(FAMILY_VERSIONS.keySet())));
  }

  private void onSnac(Snac snac) {
    if (snac.family() == 0x02 && onLocation(snac)
        || snac.family() == 0x13 && ssi.onSnac(session, snac)
        || snac.family() == 0x15 && onIcq(snac)
        || snac.family() == 0x04 && onIcbm(snac)) {
      return;
    }
    Optional<SnacType> type = SnacType.of(snac);
    long id = snac.requestId();
    if (type.isEmpty()) {
      onOtherSnac(snac);
      return;
    }
    switch (type.get()) {
      case SERVICE_FAMILY_VERSIONS_REQUEST -> session.send(ServerSnacs.familyVersions(id, FAMILY_VERSIONS));
      case SERVICE_RATE_PARAMS_REQUEST -> session.send(ServerSnacs.rateParams(id, state.rateClasses()));
      case SERVICE_RATE_PARAMS_ACK -> { }
      case SERVICE_SELF_INFO_REQUEST -> session.send(ServerSnacs.selfInfo(id, session.selfBlock(state.nowSeconds())));
      case SERVICE_SET_STATUS -> onSetStatus(snac);
      case SERVICE_SET_IDLE -> state.idle(session, WireReader.readU32(snac.dataBuffer(), "01/11 idle seconds"));
      case SERVICE_CLIENT_READY -> state.clientReady(session);
      case SERVICE_REQUEST -> onServiceRequest(snac);
      case BUDDY_RIGHTS_REQUEST -> session.send(ServerSnacs.buddyRights(id));
      case PRIVACY_RIGHTS_REQUEST -> session.send(ServerSnacs.privacyRights(id));
      case SSI_RIGHTS_REQUEST -> session.send(ServerSnacs.ssiRights(id));
      case SSI_LIST_REQUEST -> sendContactList(id);
      case SSI_LIST_CHECK -> onListCheck(snac);
      case SSI_ACTIVATE -> { }
      default -> onOtherSnac(snac);
    }
  }

  private boolean onLocation(Snac snac) {
    switch (snac.subtype()) {
      case 0x02 -> session.send(ServerSnacs.locationRights(snac.requestId()));
      case 0x04 -> location.onSetInfo(session, snac);
      case 0x05 -> location.onInfoRequest(session, snac);
      case 0x15 -> location.onUserInfoQuery(session, snac);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Family 0x04 (references {@code snac_04_06}, {@code snac_04_0b}, {@code snac_04_14}; 04/10 → 04/17 as Open
   * OSCAR Server answers it).
   */
  private boolean onIcbm(Snac snac) {
    long id = snac.requestId();
    switch (snac.subtype()) {
      case 0x02 -> { }
      case 0x04 -> session.send(ServerSnacs.icbmParams(id));
      case 0x06 -> state.routeMessage(session, id, IcbmSendRequest.parse(snac));
      case 0x0B -> state.relayClientAck(session, IcbmClientAck.parse(snac));
      case 0x10 -> state.sendStoredIcbms(session, id);
      case 0x14 -> state.relayTyping(session, TypingNotice.parse(snac));
      default -> {
        return false;
      }
    }
    return true;
  }

  private boolean onIcq(Snac snac) {
    if (snac.subtype() != 0x02) {
      return false;
    }
    icq.onMetaRequest(session, snac.requestId(), IcqMetaRequest.parse(snac));
    return true;
  }

  /**
   * 01/04 (reference {@code snac_01_04}): BART gets a redirect to the service listener, chat navigation and chat
   * rooms one to the chat listener ({@link ChatRooms}); others error 5.
   */
  private void onServiceRequest(Snac snac) {
    int family = WireReader.readU16(snac.dataBuffer(), "01/04 family");
    if (family == ChatRooms.FAMILY_CHAT_NAV || family == ChatRooms.FAMILY_CHAT) {
      session.send(state.chatRooms().serviceRequest(session.key(), snac));
      return;
    }
    if (family != FAMILY_BART) {
      session.send(ServerSnacs.error(0x01, snac.requestId(), ERROR_SERVICE_UNAVAILABLE));
      return;
    }
    session.send(ServerSnacs.serviceRedirect(snac.requestId(), family, state.bartAddress(),
        state.issueServiceCookie(session.key())));
  }

  /** 01/1E: TLV 0x06 status (u32) and TLV 0x0C DC info are kept for the user-info blocks others see. */
  private void onSetStatus(Snac snac) {
    TlvChain tlvs = TlvChain.readChain(snac.dataBuffer());
    tlvs.bytes(UserInfoBlocks.TLV_DC_INFO).ifPresent(session::dcInfo);
    if (tlvs.contains(UserInfoBlocks.TLV_STATUS)) {
      long old = session.status();
      session.status(tlvs.unsigned(UserInfoBlocks.TLV_STATUS).getAsLong());
      // A real server confirms the change with the user's own info, unasked (reference snac_01_0f).
      session.send(ServerSnacs.selfInfo(session.nextRequestId(), session.selfBlock(state.nowSeconds())));
      state.statusChanged(session, old);
    }
  }

  /**
   * 13/05: 13/0F if the client's copy has the same change time and item count, else the whole list. A list
   * never written to (change time 0) is always sent, if empty, so a client without a copy gets a 13/06.
   */
  private void onListCheck(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    long clientTime = WireReader.readU32(in, "13/05 change time");
    int clientCount = WireReader.readU16(in, "13/05 item count");
    ContactList.Snapshot list = state.contactList(session.key());
    if (list.lastChange() != 0 && clientTime == list.lastChange() && clientCount == list.items().size()) {
      session.send(ServerSnacs.ssiUpToDate(snac.requestId(), list.lastChange(), list.items().size()));
    } else {
      sendContactList(snac.requestId());
    }
  }

  private void sendContactList(long requestId) {
    ContactList.Snapshot list = state.contactList(session.key());
    ServerSnacs.ssiList(requestId, list.items(), list.lastChange(), SSI_SNAC_DATA_LIMIT).forEach(session::send);
  }

  private void onOtherSnac(Snac snac) {
    LOG.debug("{} sent {}, not supported", session.screenName(), snac);
    if (snac.subtype() != 0x01) {
      session.send(ServerSnacs.error(snac.family(), snac.requestId(), ERROR_INVALID_SNAC));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ProtocolFailures.closeOnFailure(ctx, cause, LOG, "BOS server");
  }
}
