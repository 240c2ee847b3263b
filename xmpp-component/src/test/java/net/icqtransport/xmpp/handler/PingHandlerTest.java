package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.Mockito.when;

import java.util.List;
import net.icqtransport.xmpp.testing.Shown;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Presence;

/** XEP-0199 ping of the transport (§4.2) and of contact JIDs through it (§4.3). */
class PingHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void transportAnswersEveryone() {
    fixture.receive("""
        <iq type='get' id='p1' from='localhost' to='icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>""");

    assertStanzas(fixture.sender.sent(), "<iq type='result' id='p1' from='icq.localhost' to='localhost'/>");
  }

  @Test
  void onlineContactOfALoggedInUserAnswers() {
    when(fixture.gateway.onlineUsers()).thenReturn(List.of(ALICE));
    fixture.user(ALICE).showContact(new LegacyContactId("123456"), Shown.available());

    fixture.receive("""
        <iq type='get' id='p2' from='alice@localhost/pc' to='123456@icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>""");

    assertStanzas(fixture.sender.sent(), "<iq type='result' id='p2' from='123456@icq.localhost' to='alice@localhost/pc'/>");
  }

  @Test
  void offlineContactIsRecipientUnavailable() {
    when(fixture.gateway.onlineUsers()).thenReturn(List.of(ALICE));

    fixture.receive("""
        <iq type='get' id='p3' from='alice@localhost/pc' to='123456@icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='p3' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='wait'>
            <recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The ICQ contact is offline</text>
          </error>
        </iq>""");
  }

  @Test
  void userNotLoggedInIsServiceUnavailable() {
    when(fixture.gateway.onlineUsers()).thenReturn(List.of());

    fixture.receive("""
        <iq type='get' id='p4' from='alice@localhost/pc' to='123456@icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='p4' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not logged in to ICQ: register with the transport and go online</text>
          </error>
        </iq>""");
  }

  @Test
  void setIsBadRequest() {
    fixture.receive("""
        <iq type='set' id='p5' from='alice@localhost/pc' to='icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='p5' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Ping is get-only</text>
          </error>
        </iq>""");
  }
}
