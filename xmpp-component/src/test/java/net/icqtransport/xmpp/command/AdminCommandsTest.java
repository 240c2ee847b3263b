package net.icqtransport.xmpp.command;

import static net.icqtransport.xmpp.testing.Commands.commandIq;
import static net.icqtransport.xmpp.testing.Commands.sessionIdOf;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** The XEP-0133 subset for the transport's admins (admin@localhost in the fixture), stanza in, stanzas out. */
class AdminCommandsTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final UserAddress BOB = new UserAddress("bob@example.org");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void onlineUsersAreListedAsBareJids() {
    when(fixture.gateway.onlineUsers()).thenReturn(List.of(BOB, ALICE));

    fixture.receive(commandIq("a1", "admin@localhost/console",
        "node='http://jabber.org/protocol/admin#get-online-users-list'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='a1' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#get-online-users-list'
                   sessionid='%s' status='completed'>
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
              <field type='jid-multi' var='onlineuserjids' label='The list of all online users'>
                <value>alice@localhost</value>
                <value>bob@example.org</value>
              </field>
            </x>
          </command>
        </iq>""".formatted(sessionIdOf(fixture.sender.sent().get(0))));
  }

  @Test
  void statisticsCountUsersAndBacklogs() {
    when(fixture.gateway.registeredUsers()).thenReturn(List.of(ALICE, BOB));
    when(fixture.gateway.onlineUsers()).thenReturn(List.of(ALICE));
    fixture.inboundBacklog = 3;
    fixture.outboundBacklog = 7;

    fixture.receive(commandIq("a2", "admin@localhost/console", "node='statistics' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='a2' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='statistics' sessionid='%s' status='completed'>
            <x xmlns='jabber:x:data' type='result'>
              <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
              <field type='text-single' var='registeredusersnum' label='Registered users (all instances)'><value>2</value></field>
              <field type='text-single' var='onlineusersnum' label='Online users (this instance)'><value>1</value></field>
              <field type='text-single' var='inbound-backlog' label='Inbound stanzas waiting'><value>3</value></field>
              <field type='text-single' var='outbound-backlog' label='Outbound stanzas waiting'><value>7</value></field>
            </x>
          </command>
        </iq>""".formatted(sessionIdOf(fixture.sender.sent().get(0))));
  }

  @Test
  void announceAsksForTheTextThenMessagesEveryOnlineUser() {
    when(fixture.gateway.onlineUsers()).thenReturn(List.of(ALICE, BOB));
    fixture.receive(commandIq("a3", "admin@localhost/console", "node='http://jabber.org/protocol/admin#announce'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='a3' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'
                   sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Announce</title>
              <instructions>Send a message to every user online with the transport.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
              <field type='text-single' var='subject' label='Subject'/>
              <field type='text-multi' var='announcement' label='Announcement'><required/></field>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='a4' from='admin@localhost/console' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'
                   sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
              <field var='subject'><value>Maintenance</value></field>
              <field var='announcement'><value>Restart at 22:00.</value><value>Back soon.</value></field>
            </x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <message from='icq.localhost' to='alice@localhost'>
          <subject>Maintenance</subject><body>Restart at 22:00.
        Back soon.</body>
        </message>""", """
        <message from='icq.localhost' to='bob@example.org'>
          <subject>Maintenance</subject><body>Restart at 22:00.
        Back soon.</body>
        </message>""", """
        <iq type='result' id='a4' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#announce'
                   sessionid='%s' status='completed'>
            <note type='info'>Announcement sent to 2 online users.</note>
          </command>
        </iq>""".formatted(session));
  }

  @Test
  void disconnectAsksForUsersThenEndsTheirSessions() {
    fixture.receive(commandIq("a5", "admin@localhost/console",
        "node='http://jabber.org/protocol/admin#end-user-session'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='a5' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#end-user-session'
                   sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Disconnect a user</title>
              <instructions>End the ICQ session of these users until they next go online.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>http://jabber.org/protocol/admin</value></field>
              <field type='jid-multi' var='accountjids' label='The Jabber IDs of the users'><required/></field>
              <field type='text-single' var='reason' label='Reason shown to them'/>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='a6' from='admin@localhost/console' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#end-user-session'
                   sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='accountjids'><value>Alice@localhost/pc</value><value>bob@example.org</value></field>
            </x>
          </command>
        </iq>""".formatted(session));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='a6' from='icq.localhost' to='admin@localhost/console'>
          <command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#end-user-session'
                   sessionid='%s' status='completed'>
            <note type='info'>Disconnected 2 user(s).</note>
          </command>
        </iq>""".formatted(session));
    verify(fixture.gateway).disconnect(ALICE, "Disconnected by the transport's administrator");
    verify(fixture.gateway).disconnect(BOB, "Disconnected by the transport's administrator");
  }
}
