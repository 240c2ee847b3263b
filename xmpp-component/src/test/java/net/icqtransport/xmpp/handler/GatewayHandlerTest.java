package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;

import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0100 §6.3 jabber:iq:gateway: UIN → contact JID. */
class GatewayHandlerTest {
  private final RouterFixture fixture = new RouterFixture();

  @Test
  void getReturnsDescriptionAndPrompt() {
    fixture.receive("""
        <iq type='get' id='g1' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:gateway'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='g1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:gateway'>
            <desc>Please enter the ICQ number (UIN) or AIM screen name of the person you would like to contact.</desc>
            <prompt>ICQ number or AIM screen name</prompt>
          </query>
        </iq>""");
  }

  @Test
  void setTranslatesTheUinIntoAJid() {
    fixture.receive("""
        <iq type='set' id='g2' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:gateway'><prompt> 987654321 </prompt></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='g2' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:gateway'><jid>987654321@icq.localhost</jid></query>
        </iq>""");
  }

  @Test
  void setWithSomethingElseIsNotAcceptable() {
    fixture.receive("""
        <iq type='set' id='g3' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:gateway'><prompt>bob</prompt></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='g3' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'bob' is neither an ICQ number nor an AIM screen name</text>
          </error>
        </iq>""");
  }
}
