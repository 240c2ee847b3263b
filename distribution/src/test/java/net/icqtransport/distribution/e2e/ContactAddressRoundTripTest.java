package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.icq.IcqNetwork;
import net.icqtransport.oscar.icq.IcqNetworkSettings;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Contact id ⇄ JID with the parser the transport runs ({@link IcqNetwork#parseContactId}) wired into the one
 * owner of the mapping ({@link TransportAddresses}), as {@code TransportComponent} wires it: ICQ numbers and AIM
 * screen names (issue #16). Here because only the distribution sees both modules.
 */
class ContactAddressRoundTripTest {
  private static IcqNetwork network;
  private static TransportAddresses addresses;

  @BeforeAll
  static void wire() {
    network = new IcqNetwork(IcqNetworkSettings.defaults("127.0.0.1"));
    addresses = new TransportAddresses("icq.localhost", network::parseContactId);
  }

  @AfterAll
  static void close() {
    network.close();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "100002           | 100002@icq.localhost",
      "4294967295       | 4294967295@icq.localhost",
      "Mary Ann         | maryann@icq.localhost",
      "maryann          | maryann@icq.localhost",
      "MARY ANN         | maryann@icq.localhost",
      "Joe User         | joeuser@icq.localhost",
      "SmarterChild     | smarterchild@icq.localhost",
      "A23456789012345P | a23456789012345p@icq.localhost",
  })
  void aContactIdBecomesAJidAndComesBackTheSame(String typed, String jid) {
    LegacyContactId id = network.parseContactId(typed);

    JID address = addresses.contactJid(id);

    assertEquals(jid, address.toBareJID());
    assertEquals(Recipient.contact(id), addresses.recipientOf(address));
    assertEquals(Recipient.contact(id), addresses.recipientOf(new JID(address.toBareJID() + "/resource")));
  }

  /** However a Jabber user writes the screen name in an address, it is the same contact. */
  @ParameterizedTest
  @ValueSource(strings = {"maryann@icq.localhost", "MaryAnn@icq.localhost", "mary\\20ann@icq.localhost",
      "Mary\\20Ann@icq.localhost", "m\\20a\\20r\\20y\\20a\\20n\\20n@icq.localhost"})
  void everySpellingOfAScreenNameIsOneContact(String jid) {
    assertEquals(Recipient.contact(new LegacyContactId("maryann")), addresses.recipientOf(new JID(jid)));
  }

  /**
   * What OSCAR would not take as a screen name is refused as an address: a digit first (not a UIN either), too
   * short or too long, '@' (escaped), '.', '_', non-ASCII, leading or trailing spaces.
   */
  @ParameterizedTest
  @ValueSource(strings = {"1abc", "12345678901", "0100002", "ab", "abcdefghijklmnopq", "mary\\40ann", "mary.ann",
      "mary_ann", "märy", "\\20mary", "mary\\20", "mary\\2fann", "mary\\3aann", "mary\\5cann"})
  void whatOscarRefusesIsJidMalformed(String node) {
    StanzaException refused = assertThrows(StanzaException.class,
        () -> addresses.recipientOf(new JID(node, "icq.localhost", null)));
    assertEquals(PacketError.Condition.jid_malformed, refused.condition());
  }

  @Test
  void theTransportItselfHasNoNode() {
    assertEquals(Recipient.transport(), addresses.recipientOf(new JID("icq.localhost")));
  }
}
