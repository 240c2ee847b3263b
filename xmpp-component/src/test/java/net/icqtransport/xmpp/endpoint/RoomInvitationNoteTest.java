package net.icqtransport.xmpp.endpoint;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Until rooms are bridged (issue #18), an ICQ chat invitation reaches the user as a note from the contact. */
class RoomInvitationNoteTest {
  @Test
  void anInvitationIsNeverDroppedSilently() {
    RouterFixture fixture = new RouterFixture();

    fixture.endpoint.roomInvitation(new UserAddress("alice@localhost"), new LegacyContactId("123456"),
        LegacyRoomId.named("Lounge"), "join us");

    assertStanzas(fixture.sender.sent(), "<message type='chat' from='123456@icq.localhost' to='alice@localhost'>"
        + "<body>[ICQ transport] 123456 invites you to the ICQ chat room \"Lounge\" (\"join us\"). The transport cannot"
        + " take you into ICQ chat rooms yet.</body></message>");
  }
}
