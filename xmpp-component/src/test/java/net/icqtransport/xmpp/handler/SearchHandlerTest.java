package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** XEP-0055 search of the ICQ directory, with legacy fields (§2) and with XEP-0004 forms (§3). */
class SearchHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");
  private static final LegacyUserInfo BOB_INFO = new LegacyUserInfo(BOB, "bobby", "Bob", "Builder", "bob@example.org",
      null, null, null, null, null, null, null, null, true);
  private static final LegacyUserInfo CAROL_INFO = LegacyUserInfo.named(new LegacyContactId("654321"), "carol");

  /** The columns of every result form (XEP-0055 §3: the {@code <reported/>} of a {@code jabber:x:data} result). */
  private static final String REPORTED = """
      <reported>
        <field type='jid-single' var='jid' label='Jabber ID'/>
        <field type='text-single' var='uin' label='ICQ number'/>
        <field type='text-single' var='nick' label='Nickname'/>
        <field type='text-single' var='first' label='First name'/>
        <field type='text-single' var='last' label='Last name'/>
        <field type='text-single' var='email' label='E-mail'/>
        <field type='boolean' var='online' label='Online'/>
      </reported>""";

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void getOffersLegacyFieldsAndAForm() {
    fixture.receive("""
        <iq type='get' id='s1' from='alice@localhost/pc' to='icq.localhost'><query xmlns='jabber:iq:search'/></iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:search'>
            <instructions>Search the ICQ directory by ICQ number, e-mail address, or nickname and names.</instructions>
            <first/><last/><nick/><email/>
            <x xmlns='jabber:x:data' type='form'>
              <title>ICQ directory search</title>
              <instructions>Search the ICQ directory by ICQ number, e-mail address, or nickname and names.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
              <field type='text-single' var='uin' label='ICQ number'/>
              <field type='text-single' var='email' label='E-mail'/>
              <field type='text-single' var='nick' label='Nickname'/>
              <field type='text-single' var='first' label='First name'/>
              <field type='text-single' var='last' label='Last name'/>
              <field type='boolean' var='online-only' label='Only users who are online'><value>0</value></field>
            </x>
          </query>
        </iq>""");
  }

  @Test
  void formByUinAnswersWithAResultForm() {
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byUin(BOB)))
        .thenReturn(CompletableFuture.completedFuture(List.of(BOB_INFO)));

    fixture.receive("""
        <iq type='set' id='s2' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='FORM_TYPE'><value>jabber:iq:search</value></field>
              <field var='uin'><value> 123456 </value></field>
              <field var='email'><value/></field>
              <field var='online-only'><value>0</value></field>
            </x>
          </query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s2' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:search'>
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
              %s
              <item>
                <field var='jid'><value>123456@icq.localhost</value></field>
                <field var='uin'><value>123456</value></field>
                <field var='nick'><value>bobby</value></field>
                <field var='first'><value>Bob</value></field>
                <field var='last'><value>Builder</value></field>
                <field var='email'><value>bob@example.org</value></field>
                <field var='online'><value>1</value></field>
              </item>
            </x>
          </query>
        </iq>""".formatted(REPORTED));
  }

  @Test
  void formByDetailsPassesNamesAndOnlineOnly() {
    LegacySearchQuery expected = new LegacySearchQuery(null, null, "carol", "Carol", null, true);
    when(fixture.gateway.search(ALICE, expected)).thenReturn(CompletableFuture.completedFuture(List.of(CAROL_INFO)));

    fixture.receive("""
        <iq type='set' id='s3' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='nick'><value>carol</value></field>
              <field var='first'><value>Carol</value></field>
              <field var='online-only'><value>true</value></field>
            </x>
          </query>
        </iq>""");

    verify(fixture.gateway).search(ALICE, expected);
    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s3' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:search'>
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:search</value></field>
              %s
              <item>
                <field var='jid'><value>654321@icq.localhost</value></field>
                <field var='uin'><value>654321</value></field>
                <field var='nick'><value>carol</value></field>
              </item>
            </x>
          </query>
        </iq>""".formatted(REPORTED));
  }

  @Test
  void legacyFieldsByEmailAnswerWithLegacyItems() {
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byEmail("bob@example.org")))
        .thenReturn(CompletableFuture.completedFuture(List.of(BOB_INFO, CAROL_INFO)));

    fixture.receive("""
        <iq type='set' id='s4' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'><email>bob@example.org</email><first/></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s4' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:search'>
            <item jid='123456@icq.localhost'>
              <first>Bob</first><last>Builder</last><nick>bobby</nick><email>bob@example.org</email>
            </item>
            <item jid='654321@icq.localhost'><nick>carol</nick></item>
          </query>
        </iq>""");
  }

  @Test
  void legacyFieldsByDetails() {
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byDetails("bobby", null, "Builder")))
        .thenReturn(CompletableFuture.completedFuture(List.of()));

    fixture.receive("""
        <iq type='set' id='s5' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'><nick>bobby</nick><last>Builder</last></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s5' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:search'/>
        </iq>""");
  }

  @Test
  void noCriteriaIsBadRequest() {
    fixture.receive("""
        <iq type='set' id='s6' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'><first> </first></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='s6' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Enter an ICQ number, an e-mail address or a name to search for</text>
          </error>
        </iq>""");
    verify(fixture.gateway, never()).search(any(), any());
  }

  @Test
  void uinThatIsNoNumberIsBadRequest() {
    fixture.receive("""
        <iq type='set' id='s7' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'>
            <x xmlns='jabber:x:data' type='submit'><field var='uin'><value>bob</value></field></x>
          </query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='s7' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'bob' is not an ICQ number or AIM screen name</text>
          </error>
        </iq>""");
  }

  @Test
  void notLoggedInIsServiceUnavailable() {
    when(fixture.gateway.search(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    fixture.receive("""
        <iq type='set' id='s8' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:search'><nick>bobby</nick></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='s8' from='icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not logged in to ICQ: register with the transport and go online</text>
          </error>
        </iq>""");
  }
}
