package net.icqtransport.xmpp.disco;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import net.icqtransport.xmpp.testing.CapturingSender;
import net.icqtransport.xmpp.testing.Stanzas;
import org.junit.jupiter.api.Test;

/** XEP-0115 §4: available presences from the transport and its contacts carry {@code <c/>}. */
class EntityCapsStamperTest {
  private final CapturingSender sent = new CapturingSender();
  private final EntityCapsStamper stamper = new EntityCapsStamper(sent, "icq.localhost");

  @Test
  void transportPresenceCarriesTheTransportsCaps() {
    stamper.send(Stanzas.parse("<presence from='icq.localhost' to='alice@localhost'/>"));

    assertStanzas(sent.sent(), """
        <presence from='icq.localhost' to='alice@localhost'>
          <c xmlns='http://jabber.org/protocol/caps' hash='sha-1'
             node='https://github.com/icqtransport/icq-transport' ver='%s'/>
        </presence>""".formatted(EntityCaps.TRANSPORT.ver()));
  }

  @Test
  void contactPresenceCarriesTheContactsCaps() {
    stamper.send(Stanzas.parse("<presence from='123456@icq.localhost' to='alice@localhost'><show>away</show></presence>"));

    assertStanzas(sent.sent(), """
        <presence from='123456@icq.localhost' to='alice@localhost'>
          <show>away</show>
          <c xmlns='http://jabber.org/protocol/caps' hash='sha-1'
             node='https://github.com/icqtransport/icq-transport' ver='%s'/>
        </presence>""".formatted(EntityCaps.CONTACT.ver()));
  }

  @Test
  void unavailableSubscriptionAndOtherStanzasPassUnchanged() {
    stamper.send(Stanzas.parse("<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>"));
    stamper.send(Stanzas.parse("<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>"));
    stamper.send(Stanzas.parse("<message from='123456@icq.localhost' to='alice@localhost'><body>hi</body></message>"));

    assertStanzas(sent.sent(),
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>",
        "<message from='123456@icq.localhost' to='alice@localhost'><body>hi</body></message>");
  }

  @Test
  void existingCapsAreKept() {
    stamper.send(Stanzas.parse("""
        <presence from='icq.localhost' to='alice@localhost'>
          <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='x' ver='y'/>
        </presence>"""));

    assertStanzas(sent.sent(), """
        <presence from='icq.localhost' to='alice@localhost'>
          <c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='x' ver='y'/>
        </presence>""");
  }
}
