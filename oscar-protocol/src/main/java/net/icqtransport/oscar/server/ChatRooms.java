package net.icqtransport.oscar.server;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.tlv.TlvChain;

/**
 * The simulated network's chat rooms (OSCAR-SERVERS.md "Chat rooms"; references {@code snac_0d_*}, {@code snac_0e_*},
 * {@code service_request}): BOS hands out, with 01/05, one-time cookies for the chat listener, either for chat
 * navigation (family 0x000D) or for one room (family 0x000E, asked for with the room's exchange, cookie and
 * instance in TLV 0x0001 of the 01/04). In exchange 4 naming a room creates it; exchange 5 holds only the rooms the
 * operator made ({@link OscarSimulator#addPublicChatRoom}), an unknown name there gets 0D/01 "no match" (0x0014).
 * Names compare case-insensitively and keep their first spelling; a room's cookie is {@code <exchange>-0-<name>}.
 *
 * <p>Joins, leaves and messages of all rooms run under one lock, so every occupant sees them in one order: a joiner
 * gets 0E/03 with everyone present (itself included) and 0E/02, the others 0E/03 with the joiner; a leaver's 0E/04
 * goes to those who stay; a message (0E/05) goes as 0E/06 to the others and, when it carries the reflection flag
 * (TLV 0x0006), back to its sender too, as AIM chat servers do.
 */
final class ChatRooms {
  static final int FAMILY_CHAT_NAV = 0x0D;
  static final int FAMILY_CHAT = 0x0E;
  static final int PRIVATE_EXCHANGE = 4;
  static final int PUBLIC_EXCHANGE = 5;
  /** 01/04 TLV 0x0001 and 0E/05 TLV 0x0006 (references {@code snac_01_04}, {@code snac_0e_05}). */
  static final int TLV_ROOM = 0x0001;
  static final int TLV_REFLECT = 0x0006;
  static final int ERROR_SERVICE_UNAVAILABLE = 0x0005;
  static final int ERROR_NOT_SUPPORTED = 0x0008;
  static final int ERROR_BUSTED = 0x000E;
  static final int ERROR_NO_MATCH = 0x0014;
  /** How long a chat cookie of 01/05 stays valid; the login cookies' default lifetime. */
  private static final long COOKIE_MILLIS = 60_000;

  /** A chat connection as the rooms see it. */
  interface Occupant {
    /** The account's screen name as registered. */
    String screenName();

    /** The normalized screen name. */
    String key();

    /** The block others see in 0E/03, 0E/04 and 0E/06. */
    UserInfoBlock block(long now);

    long nextRequestId();

    void send(Snac snac);

    /** Ends the connection (a newer join of the same account replaced it). */
    void close();
  }

  /** One room; its occupants change under the rooms' lock only. */
  static final class Room {
    private final int exchange;
    private final String name;
    private final String cookie;
    private final long createTime;
    private final List<Occupant> occupants = new ArrayList<>();

    Room(int exchange, String name, long createTime) {
      this.exchange = exchange;
      this.name = name;
      this.cookie = exchange + "-0-" + name;
      this.createTime = createTime;
    }

    int exchange() {
      return exchange;
    }

    String name() {
      return name;
    }

    String cookie() {
      return cookie;
    }

    int instance() {
      return 0;
    }

    long createTime() {
      return createTime;
    }
  }

  /** What a chat cookie admits to: chat navigation ({@code room} null) or one room. */
  record Grant(String accountKey, Room room) {}

  private record PendingGrant(Grant grant, long expiresAtMillis) {}

  private final SimulatorState state;
  private final Object lock = new Object();
  private final Map<String, Room> byName = new HashMap<>();
  private final Map<String, Room> byCookie = new HashMap<>();
  private final ConcurrentMap<String, PendingGrant> cookies = new ConcurrentHashMap<>();
  private volatile String address = "127.0.0.1:5190";
  private volatile InetSocketAddress boundAddress;

  ChatRooms(SimulatorState state) {
    this.state = state;
  }

  /** Where 01/05 sends chat clients ("host:port") and the listener's local address. */
  void address(String advertised, InetSocketAddress bound) {
    this.address = advertised;
    this.boundAddress = bound;
  }

  InetSocketAddress boundAddress() {
    return boundAddress;
  }

  // ---- service requests on BOS and cookies

  /**
   * 01/04 for family 0x000D or 0x000E from the account's BOS session: 01/05 to the chat listener with a one-time
   * cookie, or 01/01 (0x0005) for a room that does not exist, 0x000E without TLV 0x0001.
   */
  Snac serviceRequest(String accountKey, Snac request) {
    ByteBuf in = request.dataBuffer();
    int family = WireReader.readU16(in, "01/04 family");
    Room room = null;
    if (family == FAMILY_CHAT) {
      Optional<byte[]> ref = TlvChain.readChain(in).bytes(TLV_ROOM);
      if (ref.isEmpty()) {
        return ServerSnacs.error(0x01, request.requestId(), ERROR_BUSTED);
      }
      Optional<Room> found = room(ref.get());
      if (found.isEmpty()) {
        return ServerSnacs.error(0x01, request.requestId(), ERROR_SERVICE_UNAVAILABLE);
      }
      room = found.get();
    }
    byte[] cookie = new byte[SimulatorState.COOKIE_LENGTH];
    state.random().nextBytes(cookie);
    long now = state.clock().millis();
    cookies.values().removeIf(pending -> pending.expiresAtMillis() < now);
    cookies.put(HexFormat.of().formatHex(cookie), new PendingGrant(new Grant(accountKey, room), now + COOKIE_MILLIS));
    return ServerSnacs.serviceRedirect(request.requestId(), family, address, cookie);
  }

  /** What the cookie admits to, if it is known and fresh; either way it cannot be used again. */
  Optional<Grant> redeem(byte[] cookie) {
    PendingGrant pending = cookies.remove(HexFormat.of().formatHex(cookie));
    if (pending == null || pending.expiresAtMillis() < state.clock().millis()) {
      return Optional.empty();
    }
    return Optional.of(pending.grant());
  }

  // ---- chat navigation

  /** What 0D/08 gets: the room, or an error code for 0D/01. */
  record Created(Room room, int error) {}

  /**
   * 0D/08: the room of that name in the exchange; in exchange 4 it is created when there is none. Exchange 5 knows
   * only the operator's rooms (0x0014 "no match"); other exchanges are not served (0x0008).
   */
  Created createOrFind(int exchange, String name) {
    if (name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > ChatSnacs.MAX_NAME_LENGTH) {
      return new Created(null, ERROR_BUSTED);
    }
    if (exchange != PRIVATE_EXCHANGE && exchange != PUBLIC_EXCHANGE) {
      return new Created(null, ERROR_NOT_SUPPORTED);
    }
    synchronized (lock) {
      Room room = byName.get(key(exchange, name));
      if (room == null) {
        if (exchange == PUBLIC_EXCHANGE) {
          return new Created(null, ERROR_NO_MATCH);
        }
        room = add(exchange, name);
      }
      return new Created(room, 0);
    }
  }

  /** The operator creates a room (exchange 5 for public rooms); nothing happens if it exists. */
  void addRoom(int exchange, String name) {
    if (name.isBlank() || name.getBytes(StandardCharsets.UTF_8).length > ChatSnacs.MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a room name must be 1.." + ChatSnacs.MAX_NAME_LENGTH + " bytes: " + name);
    }
    synchronized (lock) {
      if (!byName.containsKey(key(exchange, name))) {
        add(exchange, name);
      }
    }
  }

  private Room add(int exchange, String name) {
    Room room = new Room(exchange, name, state.nowSeconds());
    byName.put(key(exchange, name), room);
    byCookie.put(room.cookie(), room);
    return room;
  }

  /** The room a reference names (exchange u16, cookie with u8 length, instance u16), as in 0D/04 and 01/04. */
  Optional<Room> room(byte[] reference) {
    ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(reference);
    int exchange = WireReader.readU16(in, "room exchange");
    int length = WireReader.readBytes(in, 1, "room cookie length")[0] & 0xFF;
    String cookie = new String(WireReader.readBytes(in, length, "room cookie"), StandardCharsets.UTF_8);
    WireReader.readU16(in, "room instance");
    synchronized (lock) {
      return Optional.ofNullable(byCookie.get(cookie)).filter(room -> room.exchange() == exchange);
    }
  }

  private static String key(int exchange, String name) {
    return exchange + "/" + name.toLowerCase(Locale.ROOT);
  }

  // ---- in a room

  /**
   * After the occupant's 01/02: it gets 0E/03 with everyone present (itself last) and 0E/02, the others 0E/03 with
   * it. An earlier connection of the same account to the room is closed, without a 0E/04.
   */
  void join(Room room, Occupant joiner) {
    synchronized (lock) {
      for (Occupant earlier : List.copyOf(room.occupants)) {
        if (earlier.key().equals(joiner.key())) {
          room.occupants.remove(earlier);
          earlier.close();
        }
      }
      room.occupants.add(joiner);
      long now = state.nowSeconds();
      List<UserInfoBlock> present = room.occupants.stream().map(occupant -> occupant.block(now)).toList();
      joiner.send(ChatSnacs.users(0x03, joiner.nextRequestId(), present));
      joiner.send(ChatSnacs.roomInfoUpdate(joiner.nextRequestId(), room));
      UserInfoBlock block = joiner.block(now);
      for (Occupant other : room.occupants) {
        if (other != joiner) {
          other.send(ChatSnacs.users(0x03, other.nextRequestId(), List.of(block)));
        }
      }
    }
  }

  /** The occupant's connection ended: those who stay get 0E/04. */
  void leave(Room room, Occupant leaver) {
    synchronized (lock) {
      if (!room.occupants.remove(leaver)) {
        return;
      }
      UserInfoBlock block = leaver.block(state.nowSeconds());
      for (Occupant other : room.occupants) {
        other.send(ChatSnacs.users(0x04, other.nextRequestId(), List.of(block)));
      }
    }
  }

  /**
   * 0E/05 (reference {@code snac_0e_05}: cookie, channel, TLVs 0x0001 public, 0x0006 reflect, 0x0005 message
   * information) → 0E/06 to every other occupant, and to the sender when it asked for reflection, with the request
   * id of its 0E/05. The message information is passed on as the sender wrote it.
   */
  void message(Room room, Occupant sender, Snac request) {
    ByteBuf in = request.dataBuffer();
    byte[] cookie = WireReader.readBytes(in, 8, "chat message cookie");
    int channel = WireReader.readU16(in, "chat message channel");
    TlvChain tlvs = TlvChain.readChain(in);
    byte[] information = tlvs.bytes(ChatSnacs.TLV_MESSAGE)
        .orElseThrow(() -> new net.icqtransport.oscar.OscarProtocolException("0E/05 without message information"));
    boolean isPublic = tlvs.contains(ChatSnacs.TLV_PUBLIC);
    synchronized (lock) {
      if (!room.occupants.contains(sender)) {
        return;
      }
      UserInfoBlock block = sender.block(state.nowSeconds());
      for (Occupant other : room.occupants) {
        if (other != sender) {
          other.send(ChatSnacs.message(other.nextRequestId(), cookie, channel, block, isPublic, information));
        }
      }
      if (tlvs.contains(TLV_REFLECT)) {
        sender.send(ChatSnacs.message(request.requestId(), cookie, channel, block, isPublic, information));
      }
    }
  }

  /** The screen names in the room, in join order; empty when there is no such room. */
  List<String> occupants(int exchange, String name) {
    synchronized (lock) {
      Room room = byName.get(key(exchange, name));
      return room == null ? List.of() : room.occupants.stream().map(Occupant::screenName).toList();
    }
  }
}
