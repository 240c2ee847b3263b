package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Commands.commandIq;
import static net.icqtransport.xmpp.testing.Commands.sessionIdOf;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;

import java.time.Instant;
import java.util.Optional;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** XEP-0050 mechanics: discovery (§2), sessions and actions (§3.4), errors (§4.6), access. */
class CommandsHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");

  private final RouterFixture fixture = new RouterFixture();

  @BeforeEach
  void aliceIsRegistered() {
    lenient().when(fixture.gateway.registration(any())).thenReturn(Optional.empty());
    lenient().when(fixture.gateway.registration(ALICE)).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("123456"), "pw"), Instant.EPOCH)));
  }

  @Test
  void registeredUserIsOfferedTheUserCommands() {
    askForTheCommandList("c1", "alice@localhost/pc");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='c1' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'>
            <item jid='icq.localhost' node='status-message' name='Set status message'/>
            <item jid='icq.localhost' node='invisibility' name='Go invisible / visible'/>
            <item jid='icq.localhost' node='reconnect' name='Reconnect to ICQ'/>
            <item jid='icq.localhost' node='blocked-contacts' name='Blocked contacts'/>
            <item jid='icq.localhost' node='codepage' name='Legacy codepage'/>
            <item jid='icq.localhost' node='change-password' name='Change password'/>
            <item jid='icq.localhost' node='unregister' name='Unregister'/>
          </query>
        </iq>""");
  }

  @Test
  void unregisteredAdminIsOfferedTheAdminCommands() {
    askForTheCommandList("c2", "admin@localhost/console");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='c2' from='icq.localhost' to='admin@localhost/console'>
          <query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'>
            <item jid='icq.localhost' node='register' name='Register with ICQ'/>
            <item jid='icq.localhost' node='http://jabber.org/protocol/admin#get-online-users-list' name='Online users'/>
            <item jid='icq.localhost' node='statistics' name='Statistics'/>
            <item jid='icq.localhost' node='http://jabber.org/protocol/admin#announce' name='Announce'/>
            <item jid='icq.localhost' node='http://jabber.org/protocol/admin#end-user-session' name='Disconnect a user'/>
          </query>
        </iq>""");
  }

  @Test
  void strangerIsOfferedOnlyRegistration() {
    askForTheCommandList("c3", "mallory@localhost/x");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='c3' from='icq.localhost' to='mallory@localhost/x'>
          <query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'>
            <item jid='icq.localhost' node='register' name='Register with ICQ'/>
          </query>
        </iq>""");
  }

  @Test
  void commandNodeIsACommandNode() {
    fixture.receive("""
        <iq type='get' id='c4' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='reconnect'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='c4' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='http://jabber.org/protocol/disco#info' node='reconnect'>
            <identity category='automation' type='command-node'/>
            <feature var='http://jabber.org/protocol/commands'/>
            <feature var='jabber:x:data'/>
          </query>
        </iq>""");
  }

  @Test
  void unknownNodeIsItemNotFound() {
    fixture.receive(commandIq("c5", "alice@localhost/pc", "node='self-destruct' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c5' from='icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such command</text>
          </error>
        </iq>""");
  }

  @Test
  void adminCommandOfANonAdminIsForbidden() {
    fixture.receive(commandIq("c6", "alice@localhost/pc", "node='statistics' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c6' from='icq.localhost' to='alice@localhost/pc'>
          <error type='auth'>
            <forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Only the transport's administrators may do this</text>
          </error>
        </iq>""");
  }

  @Test
  void userCommandOfSomeoneUnregisteredIsRegistrationRequired() {
    fixture.receive(commandIq("c7", "mallory@localhost/x", "node='reconnect'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c7' from='icq.localhost' to='mallory@localhost/x'>
          <error type='auth'>
            <registration-required xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with the transport first</text>
          </error>
        </iq>""");
  }

  @Test
  void unknownSessionIsBadSessionId() {
    fixture.receive(commandIq("c8", "alice@localhost/pc", "node='codepage' sessionid='made-up' action='complete'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c8' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such command session</text>
            <bad-sessionid xmlns='http://jabber.org/protocol/commands'/>
          </error>
        </iq>""");
  }

  @Test
  void anotherResourcesSessionIsBadSessionId() {
    String session = startCodepage();

    fixture.receive(commandIq("c9", "alice@localhost/phone",
        "node='codepage' sessionid='%s' action='complete'".formatted(session)));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c9' from='icq.localhost' to='alice@localhost/phone'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>No such command session</text>
            <bad-sessionid xmlns='http://jabber.org/protocol/commands'/>
          </error>
        </iq>""");
  }

  @Test
  void cancelEndsTheSession() {
    String session = startCodepage();

    fixture.receive(commandIq("c10", "alice@localhost/pc",
        "node='codepage' sessionid='%s' action='cancel'".formatted(session)));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='c10' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' sessionid='%s' status='canceled'/>
        </iq>""".formatted(session));
    assertEquals(0, fixture.commandSessions.size());
  }

  @Test
  void prevIsNotOffered() {
    String session = startCodepage();

    fixture.receive(commandIq("c11", "alice@localhost/pc",
        "node='codepage' sessionid='%s' action='prev'".formatted(session)));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c11' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'prev' is not offered</text>
            <bad-action xmlns='http://jabber.org/protocol/commands'/>
          </error>
        </iq>""");
  }

  @Test
  void getIsBadRequest() {
    fixture.receive("""
        <iq type='get' id='c12' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='reconnect'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='c12' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Commands are executed with an IQ set</text>
          </error>
        </iq>""");
  }

  /** The command list request of XEP-0050 §2.2: disco#items of the commands node. */
  private void askForTheCommandList(String id, String from) {
    fixture.receive("""
        <iq type='get' id='%s' from='%s' to='icq.localhost'>
          <query xmlns='http://jabber.org/protocol/disco#items' node='http://jabber.org/protocol/commands'/>
        </iq>""".formatted(id, from));
  }

  private String startCodepage() {
    fixture.receive(commandIq("start", "alice@localhost/pc", "node='codepage' action='execute'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));
    fixture.sender.clear();
    return session;
  }
}
