package net.icqtransport.xmpp.command;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/** Chat commands (issue #17): a message to the transport's JID is a command line, answered by chat. */
class ChatCommandsTest {
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

  private void say(String body) {
    say(body, null);
  }

  private void say(String body, String lang) {
    fixture.receive("<message type='chat' id='c1' from='alice@localhost/pc' to='icq.localhost'%s><body>%s</body></message>"
        .formatted(lang == null ? "" : " xml:lang='" + lang + "'", body));
  }

  /** The one answer: a chat message from the transport to the sending resource, in {@code lang}. */
  private String answer(String lang) {
    assertEquals(1, fixture.sender.sent().size(), fixture.sender.allXml());
    Message answer = (Message) fixture.sender.sent().get(0);
    assertEquals(Message.Type.chat, answer.getType());
    assertEquals("icq.localhost", answer.getFrom().toString());
    assertEquals("alice@localhost/pc", answer.getTo().toString());
    assertEquals(lang, answer.getElement().attributeValue(
        org.dom4j.QName.get("lang", "xml", "http://www.w3.org/XML/1998/namespace")));
    fixture.sender.clear();
    return answer.getBody();
  }

  private String answer() {
    return answer("en");
  }

  @Test
  void helpListsTheCommandsOfARegisteredUser() {
    say("help");

    assertStanzas(fixture.sender.sent(), """
        <message type='chat' xml:lang='en' from='icq.localhost' to='alice@localhost/pc'>
          <body>Commands of the ICQ transport (send them to icq.localhost):
        help - this list
        status - your ICQ account and connection
        away &lt;text&gt; - the status message ICQ contacts see (away off: your client's again)
        invisible on|off - be invisible on ICQ, or visible
        reconnect - sign on to ICQ again
        find &lt;name, e-mail or number&gt; - search the ICQ directory
        info &lt;number&gt; - what ICQ tells about a user
        block &lt;number&gt; - stop a contact's messages and presence (stored on ICQ)
        unblock &lt;number&gt; - lift the block
        blocked - the contacts you block
        unregister - remove your ICQ account from the transport
        Write to an ICQ contact at NUMBER@icq.localhost.</body>
        </message>""");
  }

  @Test
  void helpOfSomeoneNotRegisteredNamesRegistrationOnly() {
    fixture.unregistered("alice@localhost");

    say("  HELP ");

    assertEquals("""
        Commands of the ICQ transport (send them to icq.localhost):
        help - this list
        register - how to register with your ICQ number and password""", answer());
  }

  @Test
  void answersInGermanWhereTheMessageSaysSo() {
    fixture.unregistered("alice@localhost");

    say("help", "de");

    assertEquals("""
        Befehle des ICQ-Transports (an icq.localhost senden):
        help - diese Liste
        register - wie man sich mit ICQ-Nummer und Passwort anmeldet""", answer("de"));
  }

  @Test
  void aTextWithoutTranslationIsEnglishAndSaysSo() {
    say("help", "de-AT");
    assertTrue(answer("en").startsWith("Commands of the ICQ transport"));

    say("hilfe", "ru");
    assertEquals("Unknown command \"hilfe\". Send help for the list of commands.", answer("en"));
  }

  @Test
  void registerNamesTheFormAndTheCommandAndNeverTakesAPassword() {
    fixture.unregistered("alice@localhost");

    say("register 123456 s3cret");

    assertEquals("""
        Passwords do not belong in chat messages: servers archive them. Register in either of two ways:
        1. the registration form (XEP-0077): your client's "Register" or service discovery on icq.localhost;
        2. the ad-hoc command "Register with ICQ" (XEP-0050): your client's "Execute command" on icq.localhost.""",
        answer());
    verify(fixture.gateway, never()).register(any(), any());
  }

  @Test
  void registerWhenRegisteredSaysHowToChangeThePassword() {
    say("register");

    assertEquals("You are registered as 123456. To change the password, use the ad-hoc command \"Change password\" "
        + "on icq.localhost, or register again with the registration form.", answer());
  }

  @Test
  void statusSaysAccountConnectionAndChoices() {
    say("status");
    assertEquals("""
        ICQ account: 123456
        Connection: not connected (the transport signs on when you are online)
        Invisible: no
        Status message: your client's""", answer());

    fixture.user(ALICE).setTransportPresence(new Presence());
    fixture.user(ALICE).setStatusMessage("Back at 3");
    fixture.user(ALICE).setInvisible(true);
    say("status");
    assertEquals("""
        ICQ account: 123456
        Connection: online
        Invisible: yes
        Status message: 'Back at 3'""", answer());
  }

  /** Issue #16: a screen name is shown as its owner spells it when the session reported that spelling. */
  @Test
  void statusAndRegisterShowTheScreenNameAsItsOwnerSpellsIt() {
    when(fixture.gateway.registration(ALICE)).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("joeuser"), "pw"), Instant.EPOCH)));
    say("status");
    assertTrue(answer().startsWith("ICQ account: joeuser\n"), "no spelling reported: the stored id");

    when(fixture.gateway.accountDisplayName(ALICE)).thenReturn(Optional.of("Joe User"));
    say("status");
    assertTrue(answer().startsWith("ICQ account: Joe User\n"));
    say("register");
    assertTrue(answer().startsWith("You are registered as Joe User. "));
  }

  @Test
  void awaySetsTheStatusMessageAsTheCommandDoes() {
    say("away Back at 3");

    assertEquals("Status message set to 'Back at 3'.", answer());
    verify(fixture.gateway).userAvailable(ALICE, "pc", 5, LegacyStatus.AWAY, "Back at 3");

    say("away off");

    assertEquals("Your client's status message is used again.", answer());
    assertEquals(Optional.empty(), fixture.user(ALICE).statusMessage());
  }

  @Test
  void invisibleOnAndOff() {
    say("invisible on");
    assertEquals("You are now invisible on ICQ.", answer());
    verify(fixture.gateway).userAvailable(ALICE, "pc", 5, LegacyStatus.INVISIBLE, "lunch");

    say("invisible on");
    assertEquals("You are now invisible on ICQ.", answer());
    assertTrue(fixture.user(ALICE).isInvisible(), "on twice stays on");

    say("Invisible OFF");
    assertEquals("You are now visible on ICQ.", answer());
    assertEquals(false, fixture.user(ALICE).isInvisible());
  }

  @Test
  void reconnectAsksTheGateway() {
    say("reconnect");

    assertEquals("Reconnecting to ICQ…", answer());
    verify(fixture.gateway).reconnect(ALICE);
  }

  @Test
  void findSearchesByNameEmailOrNumber() {
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byDetails("Joe", null, null))).thenReturn(
        CompletableFuture.completedFuture(List.of(
            new LegacyUserInfo(new LegacyContactId("654321"), "Joe", "Joe", "User", null, "Berlin", null, null, null,
                null, null, null, null, true),
            LegacyUserInfo.named(new LegacyContactId("765432"), "joe2"))));
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byEmail("joe@example.org")))
        .thenReturn(CompletableFuture.completedFuture(List.of()));
    when(fixture.gateway.search(ALICE, LegacySearchQuery.byUin(new LegacyContactId("654321"))))
        .thenReturn(CompletableFuture.completedFuture(List.of(LegacyUserInfo.named(new LegacyContactId("654321"), "Joe"))));

    say("find Joe");
    assertEquals("""
        Found 2:
        654321 Joe (Joe User, Berlin) - online
        765432 joe2""", answer());

    say("find joe@example.org");
    assertEquals("Nobody found.", answer());

    say("find 654321");
    assertEquals("Found 1:\n654321 Joe", answer());
  }

  @Test
  void infoTellsWhatIcqKnows() {
    when(fixture.gateway.fetchUserInfo(ALICE, new LegacyContactId("654321"))).thenReturn(
        CompletableFuture.completedFuture(new LegacyUserInfo(new LegacyContactId("654321"), "Joe", "Joe", "User",
            "joe@example.org", "Berlin", null, "Germany", null, "Hi there", 42, LegacyUserInfo.Gender.MALE, true, null)));

    say("info 654321");

    assertEquals("""
        ICQ 654321:
        Nickname: Joe
        Name: Joe User
        E-mail: joe@example.org
        City: Berlin
        Country: Germany
        Age: 42
        Gender: male
        About: Hi there
        Authorization required: yes""", answer());
  }

  @Test
  void infoOfSomethingThatIsNoAccountIsRefusedWithoutAsking() {
    say("info joe");

    assertEquals("\"joe\" is not an ICQ number or AIM screen name.", answer());
    verify(fixture.gateway, never()).fetchUserInfo(any(), any());
  }

  @Test
  void aGatewayFailureIsSaidInWords() {
    when(fixture.gateway.fetchUserInfo(any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    say("info 654321");

    assertEquals("That did not work: You are not logged in to ICQ: register with the transport and go online",
        answer());
  }

  @Test
  void unregisterAsksForConfirmationThenRemoves() {
    when(fixture.gateway.unregister(ALICE)).thenReturn(CompletableFuture.completedFuture(true));

    say("unregister");
    assertEquals("Send unregister confirm to remove your ICQ account 123456 from the transport; your ICQ contacts "
        + "then leave your contact list.", answer());
    verify(fixture.gateway, never()).unregister(any());

    say("unregister confirm");

    verify(fixture.gateway).unregister(ALICE);
    assertStanzas(fixture.sender.sent().subList(0, 1), """
        <message type='chat' xml:lang='en' from='icq.localhost' to='alice@localhost/pc'>
          <body>You are unregistered from the ICQ transport.</body>
        </message>""");
    assertTrue(fixture.sender.allXml().contains("type=\"unsubscribed\""), fixture.sender.allXml());
  }

  @Test
  void anUnknownCommandSuggestsHelp() {
    say("hello there");

    assertEquals("Unknown command \"hello\". Send help for the list of commands.", answer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"away", "away   ", "invisible", "invisible maybe", "find", "info"})
  void aMissingArgumentIsNamed(String line) {
    String command = line.strip().split(" ")[0];

    say(line);

    String expected = switch (command) {
      case "away" -> "the status message, or off";
      case "invisible" -> "on or off";
      case "find" -> "a name, e-mail address or ICQ number";
      default -> "an ICQ number";
    };
    assertEquals("The command " + command + " needs more: " + expected + ". Send help for the list of commands.",
        answer());
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "away lunch", "invisible on", "reconnect", "find Joe", "info 654321", "unregister confirm"})
  void commandsOfRegisteredUsersTellOthersToRegister(String line) {
    fixture.unregistered("alice@localhost");

    say(line);

    assertEquals("You are not registered with the ICQ transport. Send register to learn how.", answer());
    verify(fixture.gateway, never()).reconnect(any());
    verify(fixture.gateway, never()).unregister(any());
    verify(fixture.gateway, never()).search(any(), any());
    assertEquals(false, fixture.user(ALICE).isInvisible());
  }

  @Test
  void notRegisteredInGerman() {
    fixture.unregistered("alice@localhost");

    say("status", "de");

    assertEquals("Sie sind beim ICQ-Transport nicht angemeldet. Senden Sie register, um zu erfahren, wie es geht.",
        answer("de"));
  }
}
