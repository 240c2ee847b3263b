package net.icqtransport.xmpp.command;

import static net.icqtransport.xmpp.testing.Commands.commandIq;
import static net.icqtransport.xmpp.testing.Commands.sessionIdOf;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.AccountTakenException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LoginFailedException;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/**
 * The "Register" and "Change password" ad-hoc commands (XEP-0050, issue #17): the XEP-0077 check, errors and
 * follow-up through a command, stanza in, stanzas out.
 */
class RegisterCommandTest {
  private static final UserAddress BOB = new UserAddress("bob@localhost");
  private static final LegacyCredentials CREDENTIALS = new LegacyCredentials(new LegacyContactId("123456"), "s3cret! ");

  private final RouterFixture fixture = new RouterFixture();

  /** Runs stage 0 of a command and returns its session id, the sent stanzas cleared. */
  private String start(String node, String from) {
    fixture.receive(commandIq("s0", from, "node='" + node + "' action='execute'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));
    fixture.sender.clear();
    return session;
  }

  private void submit(String node, String session, String username, String password) {
    fixture.receive("""
        <iq type='set' id='s1' from='bob@localhost/phone' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='%s' sessionid='%s' action='complete'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='username'><value>%s</value></field>
              <field var='password'><value>%s</value></field>
            </x>
          </command>
        </iq>""".formatted(node, session, username, password));
  }

  @Test
  void registerShowsTheCredentialsForm() {
    fixture.unregistered("bob@localhost");

    fixture.receive(commandIq("s0", "bob@localhost/phone", "node='register' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s0' from='icq.localhost' to='bob@localhost/phone'>
          <command xmlns='http://jabber.org/protocol/commands' node='register' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Register with ICQ</title>
              <instructions>Enter your ICQ number (UIN) or AIM screen name, and your password.</instructions>
              <field type='text-single' var='username' label='ICQ number or AIM screen name'><required/></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </command>
        </iq>""".formatted(sessionIdOf(fixture.sender.sent().get(0))));
  }

  @Test
  void registerChecksWithTheGatewayThenSubscribesAndWelcomes() {
    fixture.unregistered("bob@localhost");
    when(fixture.gateway.register(BOB, CREDENTIALS))
        .thenReturn(CompletableFuture.completedFuture(new Registration(BOB, CREDENTIALS, Instant.EPOCH)));
    String session = start("register", "bob@localhost/phone");

    submit("register", session, " 123456 ", "s3cret! ");

    verify(fixture.gateway).register(BOB, CREDENTIALS); // the password keeps its trailing space
    assertEquals(3, fixture.sender.sent().size(), fixture.sender.allXml());
    assertStanzas(fixture.sender.sent().subList(0, 2), """
        <iq type='result' id='s1' from='icq.localhost' to='bob@localhost/phone'>
          <command xmlns='http://jabber.org/protocol/commands' node='register' sessionid='%s' status='completed'>
            <note type='info'>You are registered as 123456.</note>
          </command>
        </iq>""".formatted(session),
        "<presence type='subscribe' from='icq.localhost' to='bob@localhost'/>");
    Message welcome = (Message) fixture.sender.sent().get(2);
    assertEquals("bob@localhost", welcome.getTo().toString());
    assertEquals("icq.localhost", welcome.getFrom().toString());
    assertTrue(welcome.getBody().startsWith("Welcome to the ICQ transport! You are registered as 123456."),
        welcome.getBody());
    assertTrue(welcome.getBody().contains("send help to this address (icq.localhost)"), welcome.getBody());
  }

  @Test
  void aWrongPasswordIsNotAuthorizedAndTheFormMayBeSentAgain() {
    fixture.unregistered("bob@localhost");
    when(fixture.gateway.register(any(), any())).thenReturn(CompletableFuture.failedFuture(
        new LoginFailedException(LoginFailure.WRONG_PASSWORD, "wrong password")));
    String session = start("register", "bob@localhost/phone");

    submit("register", session, "123456", "nope");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='s1' from='icq.localhost' to='bob@localhost/phone'>
          <error type='auth'>
            <not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Could not log in to ICQ: wrong password</text>
          </error>
        </iq>""");
    assertTrue(fixture.commandSessions.find(session, "register", new org.xmpp.packet.JID("bob@localhost/phone"))
        .isPresent(), "the session waits for the form again");
  }

  @Test
  void anAccountOfAnotherJabberUserIsAConflict() {
    fixture.unregistered("bob@localhost");
    when(fixture.gateway.register(any(), any())).thenReturn(
        CompletableFuture.failedFuture(new AccountTakenException(new LegacyContactId("123456"))));
    String session = start("register", "bob@localhost/phone");

    submit("register", session, "123456", "pw");

    assertTrue(fixture.sender.allXml().contains("<conflict xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"),
        fixture.sender.allXml());
    assertTrue(fixture.sender.allXml().contains("already registered with this transport by another Jabber user"));
  }

  @Test
  void somethingThatIsNoAccountIsNotAcceptableWithoutALogin() {
    fixture.unregistered("bob@localhost");
    String session = start("register", "bob@localhost/phone");

    submit("register", session, "1", "pw");

    verify(fixture.gateway, never()).register(any(), any());
    assertTrue(fixture.sender.allXml().contains("<not-acceptable xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"),
        fixture.sender.allXml());
  }

  @Test
  void aRegisteredUserCannotRunRegister() {
    fixture.receive(commandIq("s9", "bob@localhost/phone", "node='register' action='execute'"));

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='s9' from='icq.localhost' to='bob@localhost/phone'>
          <error type='cancel'>
            <conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are registered already; change the password with the 'Change password' command</text>
          </error>
        </iq>""");
  }

  @Test
  void changePasswordIsPrefilledAndDoesNotWelcomeAgain() {
    when(fixture.gateway.registration(BOB)).thenReturn(Optional.of(
        new Registration(BOB, new LegacyCredentials(new LegacyContactId("123456"), "old"), Instant.EPOCH)));
    when(fixture.gateway.register(BOB, CREDENTIALS))
        .thenReturn(CompletableFuture.completedFuture(new Registration(BOB, CREDENTIALS, Instant.EPOCH)));

    fixture.receive(commandIq("s0", "bob@localhost/phone", "node='change-password' action='execute'"));
    String session = sessionIdOf(fixture.sender.sent().get(0));
    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s0' from='icq.localhost' to='bob@localhost/phone'>
          <command xmlns='http://jabber.org/protocol/commands' node='change-password' sessionid='%s' status='executing'>
            <actions execute='complete'><complete/></actions>
            <x xmlns='jabber:x:data' type='form'>
              <title>Change password</title>
              <instructions>Enter the new password of your ICQ account. It is checked with ICQ before it is stored.</instructions>
              <field type='text-single' var='username' label='ICQ number or AIM screen name'><required/><value>123456</value></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </command>
        </iq>""".formatted(session));
    fixture.sender.clear();

    submit("change-password", session, "123456", "s3cret! ");

    verify(fixture.gateway).register(BOB, CREDENTIALS);
    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='s1' from='icq.localhost' to='bob@localhost/phone'>
          <command xmlns='http://jabber.org/protocol/commands' node='change-password' sessionid='%s' status='completed'>
            <note type='info'>The password of 123456 is changed.</note>
          </command>
        </iq>""".formatted(session),
        "<presence type='subscribe' from='icq.localhost' to='bob@localhost'/>");
  }

  @Test
  void changePasswordNeedsARegistration() {
    fixture.unregistered("bob@localhost");

    fixture.receive(commandIq("s8", "bob@localhost/phone", "node='change-password' action='execute'"));

    assertTrue(fixture.sender.allXml().contains("<registration-required"), fixture.sender.allXml());
  }
}
