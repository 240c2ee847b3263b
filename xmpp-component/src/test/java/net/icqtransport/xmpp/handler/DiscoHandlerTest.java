package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0030 service discovery on the transport and on contact JIDs. */
class DiscoHandlerTest {
  private final RouterFixture fixture = new RouterFixture();

  @Test
  void transportIsAnIcqGatewayThatSupportsRegistration() {
    fixture.receive("""
        <iq type='get' id='d1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='d1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#info'>
            <identity category='gateway' type='icq' name='ICQ Transport'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/disco#items'/>
            <feature var='jabber:iq:register'/>
            <feature var='jabber:iq:gateway'/>
            <feature var='jabber:iq:version'/>
            <feature var='urn:xmpp:ping'/>
          </query>
        </iq>""");
  }

  @Test
  void contactIsAClientWithChatStatesAndReceipts() {
    fixture.receive("""
        <iq type='get' id='d2' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='d2' from='123456@icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#info'>
            <identity category='client' type='pc' name='ICQ contact 123456'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/chatstates'/>
            <feature var='urn:xmpp:receipts'/>
          </query>
        </iq>""");
  }

  @Test
  void itemsAreEmpty() {
    fixture.receive("""
        <iq type='get' id='d3' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='d3' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""");
  }

  @Test
  void unknownNodeIsItemNotFound() {
    fixture.receive("""
        <iq type='get' id='d4' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='http://example.org/caps#abc'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='d4' from='icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such node</text>
          </error>
        </iq>""");
  }

  @Test
  void contactJidThatIsNoUinIsJidMalformed() {
    fixture.receive("""
        <iq type='get' id='d5' from='alice@localhost/pc' to='bob@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='d5' from='bob@icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <jid-malformed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'bob' is not an ICQ number</text>
          </error>
        </iq>""");
  }
}
