package net.icqtransport.xmpp.muc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;

/** What the room tests share: a fixture whose gateway lets everyone into every room, and short names. */
final class RoomTesting {
  static final UserAddress ALICE = new UserAddress("alice@localhost");
  /** Alice's ICQ number, as the fixture's registrations give it. */
  static final String SELF = "100001";
  static final LegacyRoomId LOUNGE = LegacyRoomId.named("Lounge");
  static final LegacyContactId BOB = new LegacyContactId("123456");
  static final LegacyContactId CAROL = new LegacyContactId("234567");

  private RoomTesting() {}

  static RouterFixture fixture() {
    RouterFixture fixture = new RouterFixture();
    lenient().when(fixture.gateway.joinRoom(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    lenient().when(fixture.gateway.sendRoomMessage(any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(null));
    lenient().when(fixture.gateway.inviteToRoom(any(), any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(null));
    return fixture;
  }

  /** The resource asks to join the lounge with this nickname. */
  static void join(RouterFixture fixture, String resource, String nick) {
    fixture.receive("<presence from='alice@localhost/" + resource + "' to='#lounge@icq.localhost/" + nick + "'>"
        + "<x xmlns='http://jabber.org/protocol/muc'/></presence>");
  }

  /** {@code pc} joined as {@code nick}, the bridge reported Alice in with Bob; the sender was cleared. */
  static RouterFixture inLounge(String nick) {
    RouterFixture fixture = fixture();
    join(fixture, "pc", nick);
    fixture.endpoint.roomJoined(ALICE, LOUNGE, List.of(new LegacyContactId(SELF), BOB));
    fixture.sender.clear();
    return fixture;
  }
}
