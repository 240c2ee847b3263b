package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.icqtransport.xmpp.disco.EntityCaps;
import net.icqtransport.xmpp.disco.TransportFeatures;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

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
            <identity category='conference' type='text' name='ICQ chat rooms'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/disco#items'/>
            <feature var='http://jabber.org/protocol/caps'/>
            <feature var='jabber:iq:register'/>
            <feature var='jabber:iq:gateway'/>
            <feature var='jabber:iq:version'/>
            <feature var='urn:xmpp:ping'/>
            <feature var='vcard-temp'/>
            <feature var='jabber:iq:search'/>
            <feature var='http://jabber.org/protocol/commands'/>
            <feature var='jabber:x:data'/>
            <feature var='urn:xmpp:blocking'/>
            <feature var='http://jabber.org/protocol/muc'/>
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
            <identity category='client' type='pc' name='ICQ contact'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/caps'/>
            <feature var='urn:xmpp:ping'/>
            <feature var='vcard-temp'/>
            <feature var='http://jabber.org/protocol/chatstates'/>
            <feature var='urn:xmpp:receipts'/>
            <feature var='urn:xmpp:idle:1'/>
          </query>
        </iq>""");
  }

  @Test
  void aRoomJidIsATextConferenceWithTheIcqRoomFeatures() {
    fixture.receive("""
        <iq type='get' id='r1' from='alice@localhost/pc' to='#tea\\20room@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='r1' from='#tea\\20room@icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#info'>
            <identity category='conference' type='text' name='tea room'/>
            <feature var='http://jabber.org/protocol/disco#info'/>
            <feature var='http://jabber.org/protocol/muc'/>
            <feature var='muc_temporary'/>
            <feature var='muc_open'/>
            <feature var='muc_unmoderated'/>
            <feature var='muc_nonanonymous'/>
            <feature var='muc_unsecured'/>
            <feature var='muc_hidden'/>
          </query>
        </iq>""");
  }

  @Test
  void aRoomHasNoItemsAndAnswersNoOtherIq() {
    fixture.receive("""
        <iq type='get' id='r2' from='alice@localhost/pc' to='#lounge@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""");
    fixture.receive("""
        <iq type='get' id='r3' from='alice@localhost/pc' to='#lounge@icq.localhost'>
          <vCard xmlns='vcard-temp'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='r2' from='#lounge@icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""", """
        <iq type='error' id='r3' from='#lounge@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ chat rooms answer only service discovery and ping</text>
          </error>
        </iq>""");
  }

  @Test
  void theOnlyItemIsTheCommandsNode() {
    fixture.receive("""
        <iq type='get' id='d3' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='d3' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#items'>
            <item jid='icq.localhost' node='http://jabber.org/protocol/commands' name='Commands'/>
          </query>
        </iq>""");
  }

  @Test
  void contactsHaveNoItems() {
    fixture.receive("""
        <iq type='get' id='d9' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#items'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='d9' from='123456@icq.localhost' to='alice@localhost/pc'>
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
  void transportCapsNodeIsAnsweredWithTheSameInfo() {
    String node = EntityCaps.TRANSPORT.nodeVer();
    fixture.receive("""
        <iq type='get' id='d6' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='%s'/>
        </iq>""".formatted(node));

    IQ answer = (IQ) fixture.sender.sent().get(0);
    assertEquals(IQ.Type.result, answer.getType());
    assertEquals(node, answer.getChildElement().attributeValue("node"));
    assertEquals("gateway", answer.getChildElement().element("identity").attributeValue("category"));
    assertEquals(TransportFeatures.INFO.features().size(), answer.getChildElement().elements("feature").size());
  }

  @Test
  void contactCapsNodeIsAnsweredButNotTheTransports() {
    fixture.receive("""
        <iq type='get' id='d7' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='%s'/>
        </iq>""".formatted(EntityCaps.CONTACT.nodeVer()));
    fixture.receive("""
        <iq type='get' id='d8' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='%s'/>
        </iq>""".formatted(EntityCaps.TRANSPORT.nodeVer()));

    IQ contactInfo = (IQ) fixture.sender.sent().get(0);
    assertEquals(IQ.Type.result, contactInfo.getType());
    assertEquals("client", contactInfo.getChildElement().element("identity").attributeValue("category"));
    assertEquals(IQ.Type.error, ((IQ) fixture.sender.sent().get(1)).getType());
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
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'bob' is not an ICQ number or AIM screen name</text>
          </error>
        </iq>""");
  }
}
