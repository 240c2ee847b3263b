package net.icqtransport.xmpp.disco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** XEP-0115 §5.1 verification strings, checked against §5.2's example and against what disco#info answers. */
class EntityCapsTest {

  @Test
  void simpleExampleOfXep0115Section5_2() {
    DiscoInfo exodus = new DiscoInfo(
        List.of(Identity.of("client", "pc", "Exodus 0.9.1")),
        List.of("http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
            "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"));

    assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", EntityCaps.verificationString(exodus));
  }

  @Test
  void orderOfTheListsDoesNotMatter() {
    DiscoInfo reordered = new DiscoInfo(
        List.of(Identity.of("client", "pc", "Exodus 0.9.1")),
        List.of("http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps",
            "http://jabber.org/protocol/disco#items", "http://jabber.org/protocol/disco#info"));

    assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", EntityCaps.verificationString(reordered));
  }

  @Test
  void identitiesWithLanguagesSortByCategoryTypeAndLang() {
    // XEP-0115 §5.3's complex example without its extended-info form: identities are sorted and hashed as
    // "client/pc/el/Ψ 0.11<client/pc/en/Psi 0.11<", features after them.
    DiscoInfo psi = new DiscoInfo(
        List.of(new Identity("client", "pc", "en", "Psi 0.11"), new Identity("client", "pc", "el", "Ψ 0.11")),
        List.of("http://jabber.org/protocol/disco#info"));
    DiscoInfo sorted = new DiscoInfo(
        List.of(new Identity("client", "pc", "el", "Ψ 0.11"), new Identity("client", "pc", "en", "Psi 0.11")),
        List.of("http://jabber.org/protocol/disco#info"));

    assertEquals(EntityCaps.verificationString(sorted), EntityCaps.verificationString(psi));
  }

  @Test
  void duplicateFeaturesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DiscoInfo(
        List.of(Identity.of("client", "pc", null)), List.of("urn:xmpp:ping", "urn:xmpp:ping")));
  }

  @Test
  void transportVerMatchesWhatDiscoInfoAnswers() {
    assertEquals(EntityCaps.TRANSPORT.ver(), EntityCaps.verificationString(discoInfoOf("icq.localhost")));
  }

  @Test
  void contactVerMatchesWhatDiscoInfoAnswers() {
    assertEquals(EntityCaps.CONTACT.ver(), EntityCaps.verificationString(discoInfoOf("123456@icq.localhost")));
  }

  /** Asks the real router, and reads the identities and features back from the XML it sent. */
  private static DiscoInfo discoInfoOf(String jid) {
    RouterFixture fixture = new RouterFixture();
    fixture.receive("<iq type='get' id='c1' from='alice@localhost/pc' to='" + jid + "'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
    Element query = ((IQ) fixture.sender.sent().get(0)).getChildElement();
    List<Identity> identities = new ArrayList<>();
    for (Element identity : query.elements("identity")) {
      identities.add(new Identity(identity.attributeValue("category"), identity.attributeValue("type"),
          identity.attributeValue("lang"), identity.attributeValue("name")));
    }
    List<String> features = query.elements("feature").stream().map(f -> f.attributeValue("var")).toList();
    return new DiscoInfo(identities, features);
  }
}
