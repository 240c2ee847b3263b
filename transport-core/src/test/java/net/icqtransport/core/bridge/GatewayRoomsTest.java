package net.icqtransport.core.bridge;

import static net.icqtransport.core.bridge.GatewayHarness.ALICE;
import static net.icqtransport.core.bridge.GatewayHarness.ALICE_ICQ;
import static net.icqtransport.core.bridge.GatewayHarness.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.DisconnectReason;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyRoomListener;
import net.icqtransport.core.testing.FakeLegacyNetwork.FakeSession;
import net.icqtransport.core.testing.RecordingEndpoint.RoomEvent;
import org.junit.jupiter.api.Test;

/**
 * A user's chat rooms in the bridge (issue #18): joined on the online session, their events passed on in order,
 * left for now and joined again across a reconnect, left for good when the user signs off.
 */
class GatewayRoomsTest {
  private static final LegacyRoomId LOUNGE = LegacyRoomId.named("Lounge");

  private final GatewayHarness h = new GatewayHarness();

  private List<String> roomEvents() {
    return h.endpoint.events(ALICE, RoomEvent.class).stream().map(e -> e.what() + " " + e.detail()).toList();
  }

  @Test
  void joiningTalkingAndLeavingAreOrderedAndTheUsersOwnSession() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);

    CompletableFuture<Void> join = h.gateway.joinRoom(ALICE, LOUNGE);
    assertEquals(LOUNGE, LegacyRoomId.named("LOUNGE"), "names compare as OSCAR compares them");
    LegacyRoomListener room = alice.joined(LOUNGE, "100001", "200001");
    assertTrue(join.isDone() && !join.isCompletedExceptionally(), join.toString());
    room.occupantJoined(new LegacyContactId("200002"));
    room.messageReceived(new LegacyContactId("200001"), "Grüße");
    h.gateway.sendRoomMessage(ALICE, LOUNGE, "hi all").join();
    room.occupantLeft(new LegacyContactId("200002"));
    h.gateway.leaveRoom(ALICE, LOUNGE);

    assertEquals(List.of("joined [100001, 200001]", "occupant-joined 200002", "message 200001: Grüße",
        "occupant-left 200002"), roomEvents());
    assertEquals(List.of("Lounge: hi all", "left Lounge"), alice.roomActions());
    assertInstanceOf(NotLoggedInException.class, failure(h.gateway.sendRoomMessage(ALICE, LOUNGE, "anyone?")));
  }

  @Test
  void aReconnectLeavesTheRoomsForNowAndJoinsThemAgain() {
    FakeSession first = h.online(ALICE, ALICE_ICQ);
    h.gateway.joinRoom(ALICE, LOUNGE);
    LegacyRoomListener oldRoom = first.joined(LOUNGE, "100001");

    h.network.lastLogin().closed(DisconnectReason.CONNECTION_LOST, "keepalive timeout");
    oldRoom.messageReceived(new LegacyContactId("200001"), "from the old connection");
    h.scheduler.advance(Duration.ofSeconds(2));
    FakeSession second = h.network.lastLogin().succeed();
    second.joined(LOUNGE, "100001", "200001");

    assertEquals(List.of("joined [100001]", "left rejoining", "joined [100001, 200001]"), roomEvents());
  }

  @Test
  void signingOffLeavesEveryRoomForGood() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    h.gateway.joinRoom(ALICE, LOUNGE);
    alice.joined(LOUNGE, "100001");

    h.gateway.userUnavailable(ALICE, "laptop");

    assertEquals(List.of("joined [100001]", "left for good"), roomEvents());
    assertEquals(List.of("left Lounge"), alice.roomActions());
  }

  @Test
  void aRoomTheServerClosesAloneIsLeftForGood() {
    FakeSession alice = h.online(ALICE, ALICE_ICQ);
    h.gateway.joinRoom(ALICE, LOUNGE);
    LegacyRoomListener room = alice.joined(LOUNGE, "100001");

    room.roomClosed("the server closed the room");

    assertEquals(List.of("joined [100001]", "left for good"), roomEvents());
    h.gateway.userUnavailable(ALICE, "laptop");
    assertEquals(List.of("joined [100001]", "left for good"), roomEvents(), "nothing more to leave");
  }

  @Test
  void joiningWhileOfflineFails() {
    assertInstanceOf(NotLoggedInException.class, failure(h.gateway.joinRoom(ALICE, LOUNGE)));
  }
}
