package net.icqtransport.xmpp.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.xmpp.stanza.StanzaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * XEP-0106 JID escaping, with the examples of XEP-0106 §5 ("Examples"), and its use in contact JIDs. The parsers
 * here are stand-ins (this module must not see the OSCAR one); the round trip with the transport's real parser,
 * screen names included, is the distribution's {@code ContactAddressRoundTripTest}.
 */
class JidEscapingTest {

  @ParameterizedTest(name = "{0} ⇄ {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "space cadet              | space\\20cadet",
      "call me \"ishmael\"      | call\\20me\\20\\22ishmael\\22",
      "at&t guy                 | at\\26t\\20guy",
      "d'artagnan               | d\\27artagnan",
      "/.fanboy                 | \\2f.fanboy",
      "::foo::                  | \\3a\\3afoo\\3a\\3a",
      "<foo>                    | \\3cfoo\\3e",
      "user@host                | user\\40host",
      "c:\\net                  | c\\3a\\net",
      "c:\\\\net                | c\\3a\\\\net",
      "c:\\cool stuff           | c\\3a\\cool\\20stuff",
      "c:\\5commas              | c\\3a\\5c5commas",
      "100002                   | 100002",
      "plain\\name              | plain\\name",
      "x\\5cy                   | x\\5c5cy",
  })
  void xep0106ExamplesBothWays(String name, String node) {
    assertEquals(node, JidEscaping.escapeNode(name));
    assertEquals(name, JidEscaping.unescapeNode(node));
  }

  @Test
  void leadingOrTrailingSpacesCannotBeEscaped() {
    assertThrows(IllegalArgumentException.class, () -> JidEscaping.escapeNode(" foo"));
    assertThrows(IllegalArgumentException.class, () -> JidEscaping.escapeNode("foo "));
    assertThrows(IllegalArgumentException.class, () -> JidEscaping.unescapeNode("\\20foo"));
    assertThrows(IllegalArgumentException.class, () -> JidEscaping.unescapeNode("foo\\20"));
  }

  @Test
  void screenNameBecomesAnEscapedLowerCaseContactJidAndBack() {
    TransportAddresses addresses = new TransportAddresses("icq.localhost", LegacyContactId::new);

    JID jid = addresses.contactJid(new LegacyContactId("Foo Bar"));

    assertEquals("foo\\20bar@icq.localhost", jid.toBareJID());
    assertEquals(Recipient.contact(new LegacyContactId("foo bar")), addresses.recipientOf(jid));
  }

  @Test
  void uinsStayDigits() {
    TransportAddresses addresses = new TransportAddresses("icq.localhost", LegacyContactId::new);

    assertEquals("100002@icq.localhost", addresses.contactJid(new LegacyContactId("100002")).toBareJID());
  }

  @Test
  void aNodeThatDoesNotUnescapeIsJidMalformed() {
    Function<String, LegacyContactId> parser = LegacyContactId::new;
    TransportAddresses addresses = new TransportAddresses("icq.localhost", parser);

    StanzaException e = assertThrows(StanzaException.class,
        () -> addresses.recipientOf(new JID("\\20foo@icq.localhost")));
    assertEquals(PacketError.Condition.jid_malformed, e.condition());
  }
}
