package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.GoldenFrames.assertEncodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.icqtransport.oscar.GoldenFrames;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.chat.ChatDumps;
import org.junit.jupiter.api.Test;

/**
 * What the chat service sends, byte for byte against the reference dumps ({@code snac_0e_03}, {@code snac_0e_06}),
 * and the dumped 0E/05 passed through a room to another occupant: it comes out as the dumped 0E/06.
 */
class ChatServerPacketGoldenTest {
  /** The dumps' occupant: sign-on time 0x3E4CBE8C. */
  private static final long SIGN_ON = 0x3E4CBE8CL;

  @Test
  void usersJoined() {
    assertEncodes(ChatDumps.USERS_JOINED,
        ChatSnacs.users(0x03, 0x9B7D97D8L, List.of(ChatSnacs.occupant("REALRegressor", 1, SIGN_ON))));
  }

  @Test
  void message() {
    assertEncodes(ChatDumps.MESSAGE_RECEIVE, ChatSnacs.message(0x9B7DBD28L,
        "3A565C87".getBytes(StandardCharsets.US_ASCII), 3, ChatSnacs.occupant("REALRegressor", 0x18, SIGN_ON), true,
        messageInformationOfTheDump()));
  }

  /** The dumped 0E/05 from one occupant reaches the other as the dumped 0E/06; no reflection is asked for here. */
  @Test
  void theDumpedMessageThroughARoom() {
    ChatRooms rooms = new ChatRooms(new SimulatorState(Clock.fixed(Instant.ofEpochSecond(SIGN_ON + 0x18),
        ZoneOffset.UTC), Duration.ofSeconds(60)));
    ChatRooms.Room room = rooms.createOrFind(ChatRooms.PRIVATE_EXCHANGE, "Lobby").room();
    FakeOccupant sender = new FakeOccupant("REALRegressor", 0x8000_0001L);
    FakeOccupant other = new FakeOccupant("111111", 0x9B7DBD28L);
    rooms.join(room, sender);
    rooms.join(room, other);
    sender.sent.clear();
    other.sent.clear();

    Snac send = GoldenFrames.decode(ChatDumps.MESSAGE_SEND);
    Snac withoutReflection = new Snac(0x0E, 0x05, 0, send.requestId(), withoutTlv6(send.data()));
    rooms.message(room, sender, withoutReflection);
    assertEquals(1, other.sent.size());
    assertEncodes(ChatDumps.MESSAGE_RECEIVE, other.sent.get(0));
    assertTrue(sender.sent.isEmpty(), "no reflection without TLV 0x0006");

    rooms.message(room, sender, send);
    assertEquals(1, sender.sent.size(), "reflected");
    assertEquals(send.requestId(), sender.sent.get(0).requestId());
  }

  @Test
  void joinsAndLeavesAsOtherOccupantsSeeThem() {
    ChatRooms rooms = new ChatRooms(new SimulatorState(Clock.systemUTC(), Duration.ofSeconds(60)));
    ChatRooms.Room room = rooms.createOrFind(4, "Lobby").room();
    assertEquals(room, rooms.createOrFind(4, "LOBBY").room());
    assertEquals("4-0-Lobby", room.cookie());
    FakeOccupant a = new FakeOccupant("111111", 1);
    FakeOccupant b = new FakeOccupant("Joe User", 1);
    rooms.join(room, a);
    assertEquals(List.of(0x03, 0x02), a.subtypes());
    a.sent.clear();
    rooms.join(room, b);
    assertEquals(List.of(0x03, 0x02), b.subtypes());
    assertEquals(List.of("111111", "Joe User"), names(b.sent.get(0)));
    assertEquals(List.of("Joe User"), names(a.sent.get(0)));
    assertEquals(List.of("111111", "Joe User"), rooms.occupants(4, "lobby"));
    a.sent.clear();
    rooms.leave(room, b);
    assertEquals(List.of(0x04), a.subtypes());
    assertEquals(List.of("Joe User"), names(a.sent.get(0)));
    assertEquals(List.of("111111"), rooms.occupants(4, "Lobby"));

    assertEquals(ChatRooms.ERROR_NO_MATCH, rooms.createOrFind(5, "Nope").error());
    rooms.addRoom(5, "News");
    assertEquals("News", rooms.createOrFind(5, "news").room().name());
    assertEquals(ChatRooms.ERROR_NOT_SUPPORTED, rooms.createOrFind(7, "x").error());
  }

  private static List<String> names(Snac users) {
    List<String> names = new ArrayList<>();
    var in = users.dataBuffer();
    while (in.isReadable()) {
      names.add(net.icqtransport.oscar.snac.buddy.UserInfo.read(in).screenName());
    }
    return names;
  }

  private static byte[] messageInformationOfTheDump() {
    Snac send = GoldenFrames.decode(ChatDumps.MESSAGE_SEND);
    byte[] data = send.data();
    // cookie 8, channel 2, TLV 0x0001 (4), TLV 0x0006 (4), TLV 0x0005 header (4)
    return java.util.Arrays.copyOfRange(data, 22, data.length);
  }

  private static byte[] withoutTlv6(byte[] data) {
    byte[] result = new byte[data.length - 4];
    System.arraycopy(data, 0, result, 0, 14);
    System.arraycopy(data, 18, result, 14, data.length - 18);
    return result;
  }

  private static final class FakeOccupant implements ChatRooms.Occupant {
    final String screenName;
    final long requestId;
    final List<Snac> sent = new ArrayList<>();

    FakeOccupant(String screenName, long requestId) {
      this.screenName = screenName;
      this.requestId = requestId;
    }

    List<Integer> subtypes() {
      return sent.stream().map(Snac::subtype).toList();
    }

    @Override
    public String screenName() {
      return screenName;
    }

    @Override
    public String key() {
      return ScreenNames.normalize(screenName);
    }

    @Override
    public UserInfoBlock block(long now) {
      return ChatSnacs.occupant(screenName, now - SIGN_ON, SIGN_ON);
    }

    @Override
    public long nextRequestId() {
      return requestId;
    }

    @Override
    public void send(Snac snac) {
      sent.add(snac);
    }

    @Override
    public void close() {}
  }
}
