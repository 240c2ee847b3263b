package net.icqtransport.xmpp.router;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Every IQ get/set gets an answer, malformed stanzas get bad-request, and no exception escapes. */
class StanzaRouterTest {
  private final RouterFixture fixture = new RouterFixture();

  /**
   * Issue #15 (4): ejabberd forwards to the component the presences a user receives from the contacts'
   * addresses. Answering them with {@code forbidden} sent the error to the component itself, round and round.
   */
  @Test
  void presencesFromTheTransportsOwnAddressesAreIgnoredWithoutAnAnswer() {
    fixture.receive("<presence from='100002@icq.localhost' to='alice@localhost'/>");
    fixture.receive("<presence from='100002@icq.localhost/icq' to='icq.localhost' type='subscribed'/>");
    fixture.receive("<presence from='icq.localhost' to='alice@localhost' type='unavailable'/>");

    assertStanzas(fixture.sender.sent());
    org.mockito.Mockito.verifyNoInteractions(fixture.gateway);
  }

  @Test
  void unknownIqIsFeatureNotImplemented() {
    fixture.receive("""
        <iq type='get' id='u1' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='jabber:iq:last'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='u1' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'><feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>""");
  }

  @Test
  void iqWithoutPayloadIsBadRequest() {
    fixture.receive("<iq type='get' id='u2' from='alice@localhost/pc' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='u2' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>IQ get without a payload</text>
          </error>
        </iq>""");
  }

  @Test
  void iqWithUnknownTypeIsBadRequest() {
    fixture.receive("<iq type='fetch' id='u3' from='alice@localhost/pc' to='icq.localhost'><query xmlns='jabber:iq:version'/></iq>");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='u3' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Malformed stanza</text>
          </error>
        </iq>""");
  }

  @Test
  void resultsAndErrorsAreConsumed() {
    fixture.receive("<iq type='result' id='u4' from='alice@localhost/pc' to='icq.localhost'/>");
    fixture.receive("""
        <iq type='error' id='u5' from='alice@localhost/pc' to='icq.localhost'>
          <error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>
        </iq>""");

    assertTrue(fixture.sender.sent().isEmpty());
  }

  @Test
  void pingAndVersionAreAnswered() {
    fixture.receive("<iq type='get' id='p1' from='localhost' to='icq.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
    fixture.receive("<iq type='get' id='v1' from='alice@localhost/pc' to='icq.localhost'><query xmlns='jabber:iq:version'/></iq>");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='p1' from='icq.localhost' to='localhost'/>",
        """
        <iq type='result' id='v1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:version'><name>ICQ Transport</name><version>development</version></query>
        </iq>""");
  }

  @Test
  void aHandlerThatThrowsYieldsInternalServerErrorNotAnException() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenThrow(new IllegalStateException("db down"));

    fixture.receive("<presence from='alice@localhost/pc' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(), """
        <presence type='error' from='icq.localhost' to='alice@localhost/pc'>
          <error type='wait'>
            <internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The transport could not handle this presence</text>
          </error>
        </presence>""");
  }

  @Test
  void stanzaForAnotherDomainIsItemNotFound() {
    fixture.receive("<iq type='get' id='o1' from='alice@localhost/pc' to='aim.localhost'><query xmlns='jabber:iq:version'/></iq>");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='o1' from='aim.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>This transport only serves icq.localhost</text>
          </error>
        </iq>""");
  }
}
