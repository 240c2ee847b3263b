package net.icqtransport.xmpp.muc;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0410 §3.3: a client pings its own occupant JID to learn whether it is still in the room. */
class RoomSelfPingTest {

  @Test
  void aResourceInTheRoomGetsAPong() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<iq type='get' id='p1' from='alice@localhost/pc' to='#lounge@icq.localhost/Alice'>"
        + "<ping xmlns='urn:xmpp:ping'/></iq>");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='p1' from='#lounge@icq.localhost/Alice' to='alice@localhost/pc'/>");
  }

  @Test
  void aResourceNotInTheRoomIsToldSo() {
    RouterFixture fixture = RoomTesting.inLounge("Alice");

    fixture.receive("<iq type='get' id='p2' from='alice@localhost/phone' to='#lounge@icq.localhost/Alice'>"
        + "<ping xmlns='urn:xmpp:ping'/></iq>");

    assertStanzas(fixture.sender.sent(),
        "<iq type='error' id='p2' from='#lounge@icq.localhost/Alice' to='alice@localhost/phone'>"
            + "<error type='cancel'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
            + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not in this ICQ chat room</text></error></iq>");
  }
}
