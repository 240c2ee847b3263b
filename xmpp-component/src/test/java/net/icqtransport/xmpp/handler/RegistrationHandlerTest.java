package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** XEP-0077 in-band registration as XEP-0100 §4.1-§4.3 uses it. */
class RegistrationHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyCredentials CREDENTIALS = new LegacyCredentials(new LegacyContactId("123456"), "s3cret!");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void getReturnsFieldsAndFormWhenNotRegistered() {
    when(fixture.gateway.registration(ALICE)).thenReturn(Optional.empty());

    fixture.receive("""
        <iq type='get' id='r1' from='Alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='r1' from='icq.localhost' to='Alice@localhost/pc'>
          <query xmlns='jabber:iq:register'>
            <instructions>Enter your ICQ number (UIN) or AIM screen name, and your password.</instructions>
            <username/>
            <password/>
            <x xmlns='jabber:x:data' type='form'>
              <title>ICQ Transport registration</title>
              <instructions>Enter your ICQ number (UIN) or AIM screen name, and your password.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
              <field type='text-single' var='username' label='ICQ number or AIM screen name'><required/></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </query>
        </iq>""");
  }

  @Test
  void getShowsRegisteredAccountButNeverThePassword() {
    when(fixture.gateway.registration(ALICE)).thenReturn(Optional.of(new Registration(ALICE, CREDENTIALS, Instant.EPOCH)));

    fixture.receive("""
        <iq type='get' id='r2' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='result' id='r2' from='icq.localhost' to='alice@localhost/pc'>
          <query xmlns='jabber:iq:register'>
            <instructions>Enter your ICQ number (UIN) or AIM screen name, and your password.</instructions>
            <registered/>
            <username>123456</username>
            <password/>
            <x xmlns='jabber:x:data' type='form'>
              <title>ICQ Transport registration</title>
              <instructions>Enter your ICQ number (UIN) or AIM screen name, and your password.</instructions>
              <field type='hidden' var='FORM_TYPE'><value>jabber:iq:register</value></field>
              <field type='text-single' var='username' label='ICQ number or AIM screen name'><required/><value>123456</value></field>
              <field type='text-private' var='password' label='Password'><required/></field>
            </x>
          </query>
        </iq>""");
    assertFalse(fixture.sender.allXml().contains("s3cret"));
  }

  @Test
  void setRegistersThenSubscribesWithoutProbing() {
    when(fixture.gateway.register(ALICE, CREDENTIALS))
        .thenReturn(CompletableFuture.completedFuture(new Registration(ALICE, CREDENTIALS, Instant.EPOCH)));

    fixture.receive("""
        <iq type='set' id='r3' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username> 123456 </username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='r3' from='icq.localhost' to='alice@localhost/pc'/>",
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>");
  }

  /** Issue #17: a user who was not registered gets one welcome message after the subscription request. */
  @Test
  void aNewUserIsWelcomedAfterTheSubscriptionRequest() {
    fixture.unregistered("alice@localhost");
    when(fixture.gateway.register(ALICE, CREDENTIALS))
        .thenReturn(CompletableFuture.completedFuture(new Registration(ALICE, CREDENTIALS, Instant.EPOCH)));

    fixture.receive("""
        <iq type='set' id='r3w' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='r3w' from='icq.localhost' to='alice@localhost/pc'/>",
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>",
        """
        <message type='chat' from='icq.localhost' to='alice@localhost'>
          <body>Welcome to the ICQ transport! You are registered as 123456.
        What happens next: accept the transport's subscription request. Whenever you are online, the transport \
        signs you on to ICQ, and your ICQ contacts arrive in your contact list (your client may ask you to accept \
        each one). Write to an ICQ contact at NUMBER@icq.localhost.
        Commands: send help to this address (icq.localhost), or use your client's ad-hoc commands on it.</body>
        </message>""");
  }

  @Test
  void setAcceptsASubmittedDataForm() {
    when(fixture.gateway.register(ALICE, CREDENTIALS))
        .thenReturn(CompletableFuture.completedFuture(new Registration(ALICE, CREDENTIALS, Instant.EPOCH)));

    fixture.receive("""
        <iq type='set' id='r4' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'>
            <x xmlns='jabber:x:data' type='submit'>
              <field var='FORM_TYPE'><value>jabber:iq:register</value></field>
              <field var='username'><value>123456</value></field>
              <field var='password'><value>s3cret!</value></field>
            </x>
          </query>
        </iq>""");

    verify(fixture.gateway).register(ALICE, CREDENTIALS);
    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='r4' from='icq.localhost' to='alice@localhost/pc'/>",
        "<presence type='subscribe' from='icq.localhost' to='alice@localhost'/>");
  }

  /** Issue #14: another Jabber user's ICQ number is a conflict, and the text does not name that user. */
  @Test
  void anAccountRegisteredByAnotherUserIsAConflict() {
    when(fixture.gateway.register(ALICE, CREDENTIALS)).thenReturn(
        CompletableFuture.failedFuture(new AccountTakenException(CREDENTIALS.account())));

    fixture.receive("""
        <iq type='set' id='r5c' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r5c' from='icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>ICQ number 123456 is already registered with this transport by another Jabber user; its owner can unregister it, or register another ICQ number</text>
          </error>
        </iq>""");
  }

  /** Issue #15 (6): a refused username is quoted back shortened, not whole (a 200 KB input gave a 200 KB reply). */
  @Test
  void aHugeRefusedUsernameIsNotEchoedWhole() {
    String huge = "x".repeat(200_000);
    fixture.receive("""
        <iq type='set' id='r7h' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>%s</username><password>s3cret!</password></query>
        </iq>""".formatted(huge));

    String reply = fixture.sender.allXml();
    assertTrue(reply.contains("not-acceptable") && reply.contains("'" + "x".repeat(40) + "…' is neither an ICQ number nor an AIM screen name"),
        reply.length() > 2000 ? reply.substring(0, 2000) : reply);
    assertTrue(reply.length() < 2000, "reply of " + reply.length() + " characters");
  }

  @Test
  void wrongPasswordIsNotAuthorizedAndNothingElse() {
    when(fixture.gateway.register(ALICE, CREDENTIALS))
        .thenReturn(CompletableFuture.failedFuture(new LoginFailedException(LoginFailure.WRONG_PASSWORD, "code 5")));

    fixture.receive("""
        <iq type='set' id='r5' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r5' from='icq.localhost' to='alice@localhost/pc'>
          <error type='auth'>
            <not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Could not log in to ICQ: wrong password</text>
          </error>
        </iq>""");
    assertFalse(fixture.sender.allXml().contains("s3cret"), "the error must not echo the password");
  }

  /** Issue #14: what could not be reached, and why, is in the text (no more "cannot reach the server" alone). */
  @Test
  void networkFailureIsRemoteServerTimeoutNamingTheHost() {
    when(fixture.gateway.register(ALICE, CREDENTIALS)).thenReturn(CompletableFuture.failedFuture(
        new LoginFailedException(LoginFailure.NETWORK_ERROR, "cannot connect to authorizer login.invalid:5190: unknown host")));

    fixture.receive("""
        <iq type='set' id='r6' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r6' from='icq.localhost' to='alice@localhost/pc'>
          <error type='wait'>
            <remote-server-timeout xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Could not log in to ICQ: cannot reach the server: cannot connect to authorizer login.invalid:5190: unknown host; try again later</text>
          </error>
        </iq>""");
  }

  /**
   * XEP-0077 §3.1 allows any stanza error to a registration; RFC 6120 §8.3.3.6 internal-server-error, type
   * wait (§8.3.2: retry after waiting), with a text saying what is wrong: the client shows it instead of timing
   * out, and the user tries later. Nothing else is sent (no subscribe: nothing was registered).
   */
  @Test
  void aRegistrationTheStoreCannotKeepIsAnInternalServerErrorToRetryLater() {
    when(fixture.gateway.register(ALICE, CREDENTIALS)).thenReturn(CompletableFuture.failedFuture(
        new StoreException("cannot save the registration of alice@localhost",
            new java.sql.SQLTransientConnectionException("Connection to 127.0.0.1:5432 refused"))));

    fixture.receive("""
        <iq type='set' id='r7' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
        </iq>""");

    assertStoreUnavailable("r7");
  }

  /** The form (XEP-0077 §3.1 get) shows whether the user is registered, so it needs the store. */
  @Test
  void theRegistrationFormWhileTheStoreIsUnreachableIsTheSameErrorToRetryLater() {
    when(fixture.gateway.registration(ALICE)).thenThrow(
        new StoreException("cannot read the registration of alice@localhost", new java.sql.SQLException("refused")));

    fixture.receive("""
        <iq type='get' id='r8' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'/>
        </iq>""");

    assertStoreUnavailable("r8");
  }

  /** The only reply is the error to retry later, and it never echoes the password. */
  private void assertStoreUnavailable(String id) {
    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='%s' from='icq.localhost' to='alice@localhost/pc'>
          <error type='wait'>
            <internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>The transport's registration store is unavailable; nothing was changed, try again later</text>
          </error>
        </iq>""".formatted(id));
    assertFalse(fixture.sender.allXml().contains("s3cret"), "the error must not echo the password");
  }

  @Test
  void invalidUinIsNotAcceptableAndTheGatewayIsNotAsked() {
    fixture.receive("""
        <iq type='set' id='r7' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>alice</username><password>s3cret!</password></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r7' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>'alice' is neither an ICQ number nor an AIM screen name</text>
          </error>
        </iq>""");
    verify(fixture.gateway, never()).register(any(), any());
  }

  @Test
  void missingPasswordIsNotAcceptable() {
    fixture.receive("""
        <iq type='set' id='r8' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><username>123456</username></query>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r8' from='icq.localhost' to='alice@localhost/pc'>
          <error type='modify'>
            <not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Both the ICQ number or AIM screen name and the password are required</text>
          </error>
        </iq>""");
    verify(fixture.gateway, never()).register(any(), any());
  }

  @Test
  void removeUnregistersAndEndsTheSubscription() {
    when(fixture.gateway.unregister(ALICE)).thenReturn(CompletableFuture.completedFuture(true));

    fixture.receive("""
        <iq type='set' id='r9' from='alice@localhost/pc' to='icq.localhost'>
          <query xmlns='jabber:iq:register'><remove/></query>
        </iq>""");

    verify(fixture.gateway).unregister(ALICE);
    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='r9' from='icq.localhost' to='alice@localhost/pc'/>",
        "<presence type='unsubscribe' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void registeringWithAContactIsNotImplemented() {
    fixture.receive("""
        <iq type='get' id='r10' from='alice@localhost/pc' to='123456@icq.localhost'>
          <query xmlns='jabber:iq:register'/>
        </iq>""");

    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='r10' from='123456@icq.localhost' to='alice@localhost/pc'>
          <error type='cancel'>
            <feature-not-implemented xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Register with the transport itself</text>
          </error>
        </iq>""");
  }

  @Test
  void thePasswordIsNeverLogged() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      when(fixture.gateway.register(ALICE, CREDENTIALS))
          .thenReturn(CompletableFuture.failedFuture(new LoginFailedException(LoginFailure.WRONG_PASSWORD, null)))
          .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("store down")))
          .thenReturn(CompletableFuture.completedFuture(new Registration(ALICE, CREDENTIALS, Instant.EPOCH)));
      String request = """
          <iq type='set' id='r11' from='alice@localhost/pc' to='icq.localhost'>
            <query xmlns='jabber:iq:register'><username>123456</username><password>s3cret!</password></query>
          </iq>""";
      fixture.receive(request);
      fixture.receive(request);
      fixture.receive(request);
      fixture.receive("<iq type='set' id='r12' from='alice@localhost/pc' to='icq.localhost'><query xmlns='jabber:iq:register'><password>s3cret!</password></query></iq>");
    } finally {
      root.detachAppender(logs);
    }

    assertFalse(logs.list.isEmpty(), "registration is logged");
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertFalse(line.contains("s3cret"), "password in log line: " + line);
    }
  }
}
