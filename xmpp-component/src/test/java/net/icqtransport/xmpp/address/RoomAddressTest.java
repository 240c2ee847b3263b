package net.icqtransport.xmpp.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/** Room JIDs (XEP-0045 §4.1): {@code #} + the XEP-0106-escaped room name, exchange 4. */
class RoomAddressTest {
  private final TransportAddresses addresses = new TransportAddresses("icq.example.org", text -> {
    if (!text.matches("[0-9]{5,10}")) {
      throw new IllegalArgumentException("not a UIN");
    }
    return new LegacyContactId(text);
  });

  @ParameterizedTest
  @ValueSource(strings = {"lounge", "Tea Room", "CAPITALS", "me@home", "a/b:c", "Café Über", "Чат", "# hash", "x\\y"})
  void aRoomNameRoundTripsThroughItsJid(String name) {
    LegacyRoomId room = LegacyRoomId.named(name);
    JID jid = addresses.roomJid(room);
    JID parsed = new JID(jid.toString()); // as it arrives: stringprepped (nodeprep lower-cases)

    Recipient recipient = addresses.recipientOf(parsed);

    assertTrue(recipient.isRoom());
    assertEquals(room, recipient.room()); // case-insensitively, as OSCAR compares
    assertEquals(LegacyRoomId.USER_ROOMS, recipient.room().exchange());
    assertNull(recipient.roomNick());
  }

  @Test
  void theJidIsAHashAndTheEscapedName() {
    assertEquals("#tea\\20room@icq.example.org", addresses.roomJid(LegacyRoomId.named("Tea Room")).toString());
    assertEquals("#me\\40home@icq.example.org", addresses.roomJid(LegacyRoomId.named("me@home")).toString());
    assertEquals("#lounge@icq.example.org/100001",
        addresses.occupantJid(LegacyRoomId.named("Lounge"), "100001").toString());
  }

  @Test
  void anOccupantJidCarriesTheNickname() {
    Recipient recipient = addresses.recipientOf(new JID("#lounge@icq.example.org/Alice"));

    assertEquals(Recipient.room(LegacyRoomId.named("lounge"), "Alice"), recipient);
  }

  @Test
  void roomsDoNotCollideWithContactsOrTheTransport() {
    assertEquals(new LegacyContactId("123456"), addresses.recipientOf(new JID("123456@icq.example.org")).contact());
    assertTrue(addresses.recipientOf(new JID("icq.example.org")).isTransport());
    assertTrue(!addresses.recipientOf(new JID("#123456@icq.example.org")).isTransport());
    assertNull(addresses.recipientOf(new JID("#123456@icq.example.org")).contact());
  }

  @Test
  void aHashAloneIsNoRoom() {
    assertThrows(StanzaException.class, () -> addresses.recipientOf(new JID("#@icq.example.org")));
  }
}
