package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.icqtransport.oscar.OscarProtocolException;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to the chat listener, one instance per connection (references {@code service_request},
 * {@code snac_0d_*}, {@code snac_0e_*}): the one-time cookie of 01/05 on channel 1 decides whether it is chat
 * navigation (01/03 lists 0x0001, 0x000D) or one room (0x0001, 0x000E); then 01/17 → 01/18, 01/06 → 01/07, 01/08,
 * 01/02, 01/0E → 01/0F. Navigation answers 0D/02 and 0D/03 (exchanges 4 and 5), 0D/04 and 0D/08 (the room) with
 * 0D/09; a room connection joins its room at 01/02 and passes 0E/05 to the room ({@link ChatRooms}). Closing the
 * connection leaves the room. SNACs pass the connection's rate classes: the simulator's, with the chat families
 * added (0E/05 counts as a message, in class 3).
 */
final class ChatServerHandler extends ServiceConnectionHandler implements ChatRooms.Occupant {
  private static final Logger LOG = LoggerFactory.getLogger(ChatServerHandler.class);
  private static final int ERROR_INVALID_SNAC = 0x0001;
  private static final Map<Integer, Integer> NAV_VERSIONS = versions(ChatRooms.FAMILY_CHAT_NAV);
  private static final Map<Integer, Integer> CHAT_VERSIONS = versions(ChatRooms.FAMILY_CHAT);

  private final ChatRooms rooms;
  private Account account;
  private String key;
  /** The room of a chat connection; null for chat navigation. */
  private ChatRooms.Room room;
  private boolean joined;
  private long signOnTime;

  ChatServerHandler(SimulatorState state) {
    super(state, "chat", LOG);
    this.rooms = state.chatRooms();
  }

  private static Map<Integer, Integer> versions(int family) {
    Map<Integer, Integer> versions = new LinkedHashMap<>();
    versions.put(0x01, 3);
    versions.put(family, 1);
    return Collections.unmodifiableMap(versions);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (joined) {
      rooms.leave(room, this);
      LOG.debug("{} left room {}", key, room.name());
    }
    ctx.fireChannelInactive();
  }

  @Override
  protected void onSignOn(SignOnFrame signOn) {
    if (account != null) {
      throw new OscarProtocolException("second channel-1 frame on a chat connection");
    }
    Optional<ChatRooms.Grant> grant = signOn.tlvs().bytes(SignOnFrame.TLV_COOKIE).flatMap(rooms::redeem);
    Optional<Account> owner = grant.flatMap(g -> state.account(g.accountKey()));
    if (owner.isEmpty()) {
      LOG.info("chat service refusing {}: unknown or expired cookie", ctx().channel().remoteAddress());
      ctx().writeAndFlush(ServerSnacs.signOffWithoutReason()).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    account = owner.get();
    key = ScreenNames.normalize(account.screenName());
    room = grant.get().room();
    signOnTime = state.nowSeconds();
    signedOn(new RateLimiter(rateClasses(), state.rateLimitsEnforced(), state.clock().millis()));
    send(ServerSnacs.families(nextRequestId(), List.copyOf(versions().keySet())));
  }

  private Map<Integer, Integer> versions() {
    return room == null ? NAV_VERSIONS : CHAT_VERSIONS;
  }

  @Override
  protected String who() {
    return key;
  }

  @Override
  protected void onSnac(Snac snac) {
    long id = snac.requestId();
    int pair = RateClass.pair(snac.family(), snac.subtype());
    if (pair == RateClass.pair(0x01, 0x17)) {
      send(ServerSnacs.familyVersions(id, versions()));
    } else if (pair == RateClass.pair(0x01, 0x06)) {
      send(ServerSnacs.rateParams(id, rateClasses()));
    } else if (pair == RateClass.pair(0x01, 0x08)) {
      LOG.debug("{} chat connection rate ack", key);
    } else if (pair == RateClass.pair(0x01, 0x0E)) {
      send(ServerSnacs.selfInfo(id, block(state.nowSeconds())));
    } else if (pair == RateClass.pair(0x01, 0x02)) {
      if (room != null && !joined) {
        joined = true;
        rooms.join(room, this);
        LOG.debug("{} joined room {}", key, room.name());
      }
    } else if (room == null && snac.family() == ChatRooms.FAMILY_CHAT_NAV && onNav(snac)) {
      return;
    } else if (room != null && pair == RateClass.pair(ChatRooms.FAMILY_CHAT, 0x05)) {
      if (joined) {
        rooms.message(room, this, snac);
      }
    } else if (snac.subtype() != 0x01) {
      LOG.debug("{} sent {} on a chat connection, not supported", key, snac);
      send(ServerSnacs.error(snac.family(), id, ERROR_INVALID_SNAC));
    }
  }

  /** Family 0x000D on a navigation connection; false for subtypes not served. */
  private boolean onNav(Snac snac) {
    long id = snac.requestId();
    ByteBuf in = snac.dataBuffer();
    switch (snac.subtype()) {
      case 0x02 -> send(ChatSnacs.navRights(id, List.of(ChatRooms.PRIVATE_EXCHANGE, ChatRooms.PUBLIC_EXCHANGE)));
      case 0x03 -> {
        int exchange = WireReader.readU16(in, "0D/03 exchange");
        if (exchange == ChatRooms.PRIVATE_EXCHANGE || exchange == ChatRooms.PUBLIC_EXCHANGE) {
          send(ChatSnacs.navRights(id, List.of(exchange)));
        } else {
          send(ServerSnacs.error(0x0D, id, ChatRooms.ERROR_NOT_SUPPORTED));
        }
      }
      case 0x04 -> {
        byte[] reference = new byte[in.readableBytes()];
        in.readBytes(reference);
        rooms.room(reference).ifPresentOrElse(found -> send(ChatSnacs.navRoom(id, found)),
            () -> send(ServerSnacs.error(0x0D, id, ChatRooms.ERROR_NO_MATCH)));
      }
      case 0x08 -> onCreate(id, in);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * 0D/08 (reference {@code snac_0d_08}): exchange, cookie ("create"), instance, detail level, TLV block with the
   * name (0x00D3) → 0D/09 with the room, or 0D/01.
   */
  private void onCreate(long id, ByteBuf in) {
    int exchange = WireReader.readU16(in, "0D/08 exchange");
    int cookieLength = WireReader.readBytes(in, 1, "0D/08 cookie length")[0] & 0xFF;
    WireReader.readBytes(in, cookieLength, "0D/08 cookie");
    WireReader.readU16(in, "0D/08 instance");
    WireReader.readBytes(in, 1, "0D/08 detail level");
    Optional<byte[]> name = TlvChain.readBlock(in).bytes(ChatSnacs.TLV_NAME);
    if (name.isEmpty()) {
      send(ServerSnacs.error(0x0D, id, ChatRooms.ERROR_BUSTED));
      return;
    }
    ChatRooms.Created created = rooms.createOrFind(exchange, new String(name.get(), StandardCharsets.UTF_8));
    send(created.room() != null ? ChatSnacs.navRoom(id, created.room()) : ServerSnacs.error(0x0D, id, created.error()));
  }

  /**
   * The simulator's classes with the chat families added: 0E/05 to class 3 (where 04/06 is), the other 0x0D and
   * 0x0E subtypes to class 1, so that a client paces chat messages as it paces instant messages.
   */
  private List<RateClass> rateClasses() {
    List<RateClass> base = state.rateClasses();
    int messageClass = base.stream().anyMatch(c -> c.id() == 3) ? 3 : base.get(0).id();
    int otherClass = base.get(0).id();
    List<RateClass> result = new ArrayList<>();
    for (RateClass c : base) {
      List<Integer> pairs = new ArrayList<>(c.pairs());
      for (int subtype = 0x01; subtype <= 0x09; subtype++) {
        int navPair = RateClass.pair(ChatRooms.FAMILY_CHAT_NAV, subtype);
        int chatPair = RateClass.pair(ChatRooms.FAMILY_CHAT, subtype);
        if (c.id() == otherClass) {
          pairs.add(navPair);
          if (subtype != 0x05) {
            pairs.add(chatPair);
          }
        }
        if (c.id() == messageClass && subtype == 0x05) {
          pairs.add(chatPair);
        }
      }
      result.add(new RateClass(c.id(), c.windowSize(), c.clearLevel(), c.alertLevel(), c.limitLevel(),
          c.disconnectLevel(), c.currentLevel(), c.maxLevel(), c.lastTime(), c.currentState(), pairs));
    }
    return result;
  }

  // ---- ChatRooms.Occupant

  @Override
  public String screenName() {
    return account.screenName();
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public UserInfoBlock block(long now) {
    return ChatSnacs.occupant(account.screenName(), Math.max(0, now - signOnTime), signOnTime);
  }

  @Override
  public void close() {
    ctx().close();
  }

  @Override
  public String toString() {
    return "ChatServerHandler[" + key + (room == null ? ", navigation" : ", " + room.name()) + "]";
  }
}
