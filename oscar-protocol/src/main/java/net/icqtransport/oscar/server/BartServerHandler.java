package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BART (buddy icon) service connection, one instance per connection (references {@code service_request},
 * {@code snac_10_02} to {@code snac_10_07}): the one-time cookie of 01/05 on channel 1, then 01/03 (families
 * 0x01 and 0x10), 01/17 → 01/18, 01/06 → 01/07, 01/08, 01/02; then uploads (10/02 → 10/03, the hash published
 * as TLV 0x1D of the owner's presence) and icon requests (10/04 → 10/05, 10/06 → 10/07; an unknown or
 * outdated hash gets an empty icon).
 */
final class BartServerHandler extends ServiceConnectionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BartServerHandler.class);
  /** The families of this connection's 01/03 and their 01/18 versions. */
  static final Map<Integer, Integer> FAMILY_VERSIONS;

  static {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    versions.put(0x01, 3);
    versions.put(0x10, 1);
    FAMILY_VERSIONS = java.util.Collections.unmodifiableMap(versions);
  }

  private Account account;

  BartServerHandler(SimulatorState state) {
    super(state, "BART", LOG);
  }

  @Override
  protected void onSignOn(SignOnFrame signOn) {
    if (account != null) {
      throw new OscarProtocolException("second channel-1 frame on the BART connection");
    }
    Optional<Account> owner = signOn.tlvs().bytes(SignOnFrame.TLV_COOKIE).flatMap(state::redeemServiceCookie);
    if (owner.isEmpty()) {
      LOG.info("BART service refusing {}: unknown or expired cookie", ctx().channel().remoteAddress());
      ctx().writeAndFlush(ServerSnacs.signOffWithoutReason()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    account = owner.get();
    signedOn(new RateLimiter(state.rateClasses(), state.rateLimitsEnforced(), state.clock().millis()));
    send(ServerSnacs.families(nextRequestId(), List.copyOf(FAMILY_VERSIONS.keySet())));
  }

  @Override
  protected String who() {
    return String.valueOf(account);
  }

  @Override
  protected void onSnac(Snac snac) {
    long id = snac.requestId();
    int key = RateClass.pair(snac.family(), snac.subtype());
    if (key == RateClass.pair(0x01, 0x17)) {
      send(ServerSnacs.familyVersions(id, FAMILY_VERSIONS));
    } else if (key == RateClass.pair(0x01, 0x06)) {
      send(ServerSnacs.rateParams(id, state.rateClasses()));
    } else if (key == RateClass.pair(0x01, 0x08) || key == RateClass.pair(0x01, 0x02)) {
      LOG.debug("{} BART connection step {}", account, snac);
    } else if (key == RateClass.pair(0x10, 0x02)) {
      onUpload(snac);
    } else if (key == RateClass.pair(0x10, 0x04) || key == RateClass.pair(0x10, 0x06)) {
      onIconRequest(snac);
    } else if (snac.subtype() != 0x01) {
      send(ServerSnacs.error(snac.family(), id, 0x0001));
    }
  }

  /** 10/02: u16 reference number, u16 length, icon. */
  private void onUpload(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    WireReader.readU16(in, "10/02 reference number");
    int length = WireReader.readU16(in, "10/02 icon length");
    byte[] icon = WireReader.readBytes(in, length, "10/02 icon");
    byte[] hash = state.setAvatar(ScreenNames.normalize(account.screenName()), icon);
    send(BartSnacs.uploadAck(snac.requestId(), hash));
  }

  /** 10/04 and 10/06: screen name, u8 command, u16 icon id, u8 flags, u8 hash length, hash. */
  private void onIconRequest(Snac snac) {
    ByteBuf in = snac.dataBuffer();
    String screenName = WireReader.readScreenName(in);
    WireReader.require(in, 5, "icon request id");
    in.skipBytes(4);
    int hashLength = in.readUnsignedByte();
    byte[] hash = WireReader.readBytes(in, hashLength, "icon request hash");
    String key = ScreenNames.normalize(screenName);
    byte[] icon = state.avatar(key).filter(bytes -> java.util.Arrays.equals(SimulatorState.md5(bytes), hash))
        .orElse(new byte[0]);
    send(snac.subtype() == 0x04
        ? BartSnacs.aimIconReply(snac.requestId(), screenName, hash, icon)
        : BartSnacs.icqIconReply(snac.requestId(), screenName, hash, icon));
  }
}
