package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.avatar.Avatar;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0054 vCards of ICQ contacts (from the gateway's user info and the avatar source) and of the transport. */
class VCardHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");
  private static final LegacyUserInfo BOB_INFO = new LegacyUserInfo(BOB, "bobby", "Bob", "Builder", "bob@example.org",
      "Berlin", "BE", "Germany", "http://bob.example.org", "Builds things", 42, LegacyUserInfo.Gender.MALE, false, true);

  private final RouterFixture fixture = new RouterFixture();

  /** Issue #15 (6): a UIN the ICQ directory does not know is item-not-found, not internal-server-error to retry. */
  @Test
  void aUinTheDirectoryDoesNotKnowIsItemNotFound() {
    when(fixture.gateway.fetchUserInfo(ALICE, new LegacyContactId("999999"))).thenReturn(
        CompletableFuture.failedFuture(new java.util.NoSuchElementException("no ICQ user 999999")));

    fixture.receive("""
        <iq type='get' id='vx' from='alice@localhost/pc' to='999999@icq.localhost'><vCard xmlns='vcard-temp'/></iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='vx' from='999999@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no ICQ user 999999</text>
          </error>
        </iq>""");
  }

  @Test
  void contactVCardHasEverythingIcqKnows() {
    when(fixture.gateway.fetchUserInfo(ALICE, BOB)).thenReturn(CompletableFuture.completedFuture(BOB_INFO));

    aliceGetsTheVCardOf("123456@icq.localhost", "v1");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='v1' from='123456@icq.localhost' to='alice@localhost/pc'>
          <vCard xmlns='vcard-temp'>
            <FN>Bob Builder</FN>
            <N><FAMILY>Builder</FAMILY><GIVEN>Bob</GIVEN></N>
            <NICKNAME>bobby</NICKNAME>
            <URL>http://bob.example.org</URL>
            <ADR><HOME/><LOCALITY>Berlin</LOCALITY><REGION>BE</REGION><CTRY>Germany</CTRY></ADR>
            <EMAIL><INTERNET/><USERID>bob@example.org</USERID></EMAIL>
            <DESC>Builds things</DESC>
          </vCard>
        </iq>""");
  }

  @Test
  void photoComesFromTheAvatarSource() {
    when(fixture.gateway.fetchUserInfo(ALICE, BOB)).thenReturn(CompletableFuture.completedFuture(LegacyUserInfo.named(BOB, "bobby")));
    fixture.avatarSource.put(BOB, Avatar.of("PNGDATA".getBytes(StandardCharsets.US_ASCII), "image/png"));

    aliceGetsTheVCardOf("123456@icq.localhost", "v2");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='v2' from='123456@icq.localhost' to='alice@localhost/pc'>
          <vCard xmlns='vcard-temp'>
            <FN>bobby</FN>
            <NICKNAME>bobby</NICKNAME>
            <PHOTO><TYPE>image/png</TYPE><BINVAL>UE5HREFUQQ==</BINVAL></PHOTO>
          </vCard>
        </iq>""");
  }

  @Test
  void notLoggedInIsServiceUnavailable() {
    when(fixture.gateway.fetchUserInfo(ALICE, BOB))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    aliceGetsTheVCardOf("123456@icq.localhost", "v3");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='v3' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not logged in to ICQ: register with the transport and go online</text>
          </error>
        </iq>""");
  }

  @Test
  void unsupportedByTheNetworkIsFeatureNotImplemented() {
    when(fixture.gateway.fetchUserInfo(ALICE, BOB))
        .thenReturn(CompletableFuture.failedFuture(new UnsupportedOperationException("user info not supported")));

    aliceGetsTheVCardOf("123456@icq.localhost", "v4");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='v4' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ does not support this: fetch the ICQ user info</text>
          </error>
        </iq>""");
  }

  @Test
  void transportHasItsOwnVCard() {
    aliceGetsTheVCardOf("icq.localhost", "v5");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='v5' from='icq.localhost' to='alice@localhost/pc'>
          <vCard xmlns='vcard-temp'>
            <FN>ICQ Transport</FN>
            <DESC>Gateway between XMPP and the ICQ network</DESC>
          </vCard>
        </iq>""");
    verifyNoInteractions(fixture.gateway);
  }

  @Test
  void setIsNotAllowed() {
    fixture.receive("""
        <iq type='set' id='v6' from='alice@localhost/pc' to='123456@icq.localhost'>
          <vCard xmlns='vcard-temp'><FN>Mallory</FN></vCard>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='v6' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>vCards of ICQ contacts and of the transport are read-only</text>
          </error>
        </iq>""");
  }

  /** Alice's vCard request (XEP-0054 §3.1) to {@code to}: a contact's JID or the transport's. */
  private void aliceGetsTheVCardOf(String to, String id) {
    fixture.receive("""
        <iq type='get' id='%s' from='alice@localhost/pc' to='%s'><vCard xmlns='vcard-temp'/></iq>""".formatted(id, to));
  }
}
