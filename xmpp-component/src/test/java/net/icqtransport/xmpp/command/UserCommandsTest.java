package net.icqtransport.xmpp.command;

import static net.icqtransport.xmpp.testing.Commands.commandIq;
import static net.icqtransport.xmpp.testing.Commands.sessionIdOf;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registered users' ad-hoc commands (XEP-0050), stanza in, stanzas out. */
class UserCommandsTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");

  private final RouterFixture fixture = new RouterFixture();

  @BeforeEach
  void aliceIsRegisteredAndOnlineAway() {
    lenient().when(fixture.gateway.registration(ALICE)).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("123456"), "pw"), Instant.EPOCH)));
    lenient().when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("""
        <presence from='alice@localhost/pc' to='icq.localhost'><show>away</show><status>lunch</status><priority>5</priority></presence>""");
    fixture.sender.clear();
  }

  @Test
  void statusMessageAsksThenAppliesTheTextAtOnce() {
    fixture.receive(commandIq("u1", "alice@localhost/pc", "node='status-message' action='execute'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u1' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='status-message' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Set status message</title>
              <instructions>The status message ICQ contacts see. Leave it empty to use your client's again.</instructions>
              <field type='text-single' var='status' label='Status message'/>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='u2' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='status-message' sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'><field var='status'><value>Back at 3</value></field></x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u2' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='status-message' sessionid='%s' status='completed'>
            <note type='info'>Status message set to 'Back at 3'.</note>
          </command>
        </iq>""".formatted(session));
    verify(fixture.gateway).userAvailable(ALICE, "pc", 5, LegacyStatus.AWAY, "Back at 3");
    assertEquals(Optional.of("Back at 3"), fixture.user(ALICE).statusMessage());
  }

  @Test
  void invisibilityTogglesInOneStage() {
    fixture.receive(commandIq("u3", "alice@localhost/pc", "node='invisibility'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u3' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='invisibility' sessionid='%s' status='completed'>
            <note type='info'>You are now invisible on ICQ.</note>
          </command>
        </iq>""".formatted(session));
    verify(fixture.gateway).userAvailable(ALICE, "pc", 5, LegacyStatus.INVISIBLE, "lunch");
    fixture.sender.clear();

    fixture.receive(commandIq("u4", "alice@localhost/pc", "node='invisibility'"));

    assertTrue(fixture.sender.allXml().contains("You are now visible on ICQ."));
    assertEquals(LegacyStatus.AWAY, fixture.user(ALICE).effectiveStatus(LegacyStatus.AWAY));
  }

  @Test
  void overridesSurviveTheClientsNextPresence() {
    fixture.user(ALICE).setInvisible(true);
    fixture.user(ALICE).setStatusMessage("Back at 3");

    fixture.receive("""
        <presence from='alice@localhost/pc' to='icq.localhost'><show>dnd</show><status>busy</status><priority>5</priority></presence>""");

    verify(fixture.gateway).userAvailable(ALICE, "pc", 5, LegacyStatus.INVISIBLE, "Back at 3");
  }

  @Test
  void reconnectAsksTheGateway() {
    fixture.receive(commandIq("u5", "alice@localhost/pc", "node='reconnect' action='execute'"));

    verify(fixture.gateway).reconnect(ALICE);
    assertTrue(fixture.sender.allXml().contains("<note type=\"info\">Reconnecting to ICQ…</note>"));
  }

  @Test
  void codepageOffersAListAndKeepsTheChoice() {
    when(fixture.gateway.setLegacyCodepage(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    fixture.receive("""
        <iq type='set' id='u6' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' action='execute'/>
        </iq>""");
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u6' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Legacy codepage</title>
              <instructions>The codepage of ICQ messages that are not Unicode.</instructions>
              <field type='list-single' var='codepage' label='Codepage'>
                <value>default</value>
                <option label="The transport's default"><value>default</value></option>
                <option label='Western European (Windows-1252)'><value>windows-1252</value></option>
                <option label='Western European (ISO-8859-1)'><value>iso-8859-1</value></option>
                <option label='Central European (Windows-1250)'><value>windows-1250</value></option>
                <option label='Cyrillic (Windows-1251)'><value>windows-1251</value></option>
                <option label='Cyrillic (KOI8-R)'><value>koi8-r</value></option>
                <option label='Greek (Windows-1253)'><value>windows-1253</value></option>
                <option label='Turkish (Windows-1254)'><value>windows-1254</value></option>
                <option label='Baltic (Windows-1257)'><value>windows-1257</value></option>
              </field>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='u7' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' sessionid='%s'>
            <x xmlns='jabber:x:data' type='submit'><field var='codepage'><value>windows-1251</value></field></x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u7' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' sessionid='%s' status='completed'>
            <note type='info'>Codepage set to windows-1251. Logging in to ICQ again so that it applies.</note>
          </command>
        </iq>""".formatted(session));
    verify(fixture.gateway).setLegacyCodepage(ALICE, java.nio.charset.Charset.forName("windows-1251"));
  }

  @Test
  void codepageNotOfferedIsBadRequestAndTheFormCanBeSentAgain() {
    fixture.receive(commandIq("u8", "alice@localhost/pc", "node='codepage'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));
    fixture.sender.clear();
    fixture.receive("""
        <iq type='set' id='u9' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='codepage' sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'><field var='codepage'><value>ebcdic</value></field></x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='u9' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Choose one of the codepages offered</text>
          </error>
        </iq>""");
    assertEquals(1, fixture.commandSessions.size());
  }

  @Test
  void unregisterConfirmedRemovesTheRegistrationLikeXep0077() {
    when(fixture.gateway.unregister(ALICE)).thenReturn(CompletableFuture.completedFuture(true));
    fixture.user(ALICE).setStatusMessage("on holiday");
    fixture.receive("""
        <iq type='set' id='u10' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='unregister' action='execute'/>
        </iq>""");
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u10' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='unregister' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Unregister</title>
              <instructions>Remove your ICQ account from the transport? Your ICQ contacts leave your roster's presence.</instructions>
              <field type='boolean' var='confirm' label='Yes, unregister'><required/><value>0</value></field>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='u11' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='unregister' sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'><field var='confirm'><value>1</value></field></x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='u11' from='icq.localhost' to='alice@localhost/pc'>
          <command xmlns='http://jabber.org/protocol/commands' node='unregister' sessionid='%s' status='completed'>
            <note type='info'>You are unregistered from the ICQ transport.</note>
          </command>
        </iq>""".formatted(session),
        "<presence type='unsubscribe' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
    assertEquals(Optional.empty(), fixture.user(ALICE).statusMessage());
  }

  @Test
  void unregisterNotConfirmedChangesNothing() {
    fixture.receive(commandIq("u12", "alice@localhost/pc", "node='unregister'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='u13' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='unregister' sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'><field var='confirm'><value>0</value></field></x>
          </command>
        </iq>""".formatted(session));

    assertTrue(fixture.sender.allXml().contains("Nothing changed: you are still registered."));
    verify(fixture.gateway, never()).unregister(any());
  }
}
