package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Issue #17, end to end on Prosody with Smack clients: registering through the "Register" ad-hoc command
 * (XEP-0050) alone, the welcome message, and every chat command sent as a message to the transport's JID,
 * with the answers to bad input.
 */
class RegistrationAndChatCommandsEndToEndTest extends TransportEndToEndTest {
  private static final String CAROL_XMPP_PASSWORD = "carol-xmpp-password";
  private static final String CAROL_UIN = "100004";
  private static final String CAROL_ICQ_PASSWORD = "icq-pass-carol";

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder)
        .account(CAROL_UIN, CAROL_ICQ_PASSWORD)
        .details(BOB_UIN, "Bobby", "Bob", "Builder", "bob@example.org", "Berlin", 49, 30, 2, "I build things",
            "https://bob.example.org", false);
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.addUser("carol", CAROL_XMPP_PASSWORD);
  }

  @Test
  void aliceRegistersThroughTheRegisterCommandOnlyAndChats() throws Exception {
    transport = startTransport();
    JabberClient alice = loginAlice();
    AdHocCommandManager commands = AdHocCommandManager.getAddHocCommandsManager(alice.connection());
    Jid transportJid = JidCreate.domainBareFrom(COMPONENT);

    // Not registered: the command list offers registration only.
    assertEquals(List.of("register"), nodes(commands.discoverCommands(transportJid)));

    // A wrong ICQ password is refused as the XEP-0077 form refuses it, and nothing is stored.
    XMPPErrorException refused = assertThrows(XMPPErrorException.class,
        () -> register(commands, transportJid, ALICE_UIN, "not-the-password"));
    assertEquals(StanzaError.Condition.not_authorized, refused.getStanzaError().getCondition());
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isEmpty());

    RemoteCommand registered = register(commands, transportJid, ALICE_UIN, ALICE_ICQ_PASSWORD);
    assertTrue(registered.isCompleted());
    assertEquals(List.of("You are registered as 100001."),
        registered.getNotes().stream().map(AdHocCommandNote::getValue).toList());
    assertTrue(transport.registrations().find(new UserAddress("alice@localhost")).isPresent());

    // One welcome message, then the login (alice's client accepts the transport's subscription request).
    Message welcome = alice.nextMessageFrom(COMPONENT, m -> m.getBody() != null, WAIT);
    assertTrue(welcome.getBody().startsWith("Welcome to the ICQ transport! You are registered as 100001."),
        welcome.getBody());
    assertTrue(welcome.getBody().contains("send help to this address (icq.localhost)"), welcome.getBody());
    awaitTransportOnline(alice);

    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    alice.sendChat(jid(BOB_UIN), "Registered by command, ü 😀");
    assertEquals(new Text(ALICE_UIN, "Registered by command, ü 😀"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "Welcome, Alice").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("Welcome, Alice", alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT).getBody());

    // Registered: the users' commands, with "Change password", and no "Register".
    List<String> nodes = nodes(commands.discoverCommands(transportJid));
    assertTrue(nodes.containsAll(List.of("status-message", "invisibility", "reconnect", "change-password",
        "unregister")), nodes.toString());
    assertFalse(nodes.contains("register"), nodes.toString());
  }

  @Test
  void carolRunsEveryChatCommand() throws Exception {
    transport = startTransport();
    JabberClient carol = JabberClient.login(prosody, "carol", CAROL_XMPP_PASSWORD);
    closeAfterTest(carol);

    // Before registering: help, how to register (no password in chat), and refusals.
    assertEquals("""
        Commands of the ICQ transport (send them to icq.localhost):
        help - this list
        register - how to register with your ICQ number and password""", ask(carol, "help"));
    String how = ask(carol, "register");
    assertTrue(how.contains("registration form (XEP-0077)") && how.contains("\"Register with ICQ\" (XEP-0050)"), how);
    assertEquals("You are not registered with the ICQ transport. Send register to learn how.", ask(carol, "status"));
    assertEquals("Unknown command \"hello\". Send help for the list of commands.", ask(carol, "hello transport"));
    Message german = carol.connection().getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(COMPONENT)).ofType(Message.Type.chat).setLanguage("de").setBody("status").build();
    carol.send(german);
    assertEquals("Sie sind beim ICQ-Transport nicht angemeldet. Senden Sie register, um zu erfahren, wie es geht.",
        answer(carol));

    carol.registerWithTransport(COMPONENT, CAROL_UIN, CAROL_ICQ_PASSWORD);
    assertTrue(answer(carol).startsWith("Welcome to the ICQ transport!"));
    awaitTransportOnline(carol);

    assertTrue(ask(carol, "help").contains("invisible on|off - be invisible on ICQ, or visible"));
    assertEquals("""
        ICQ account: 100004
        Connection: online
        Invisible: no
        Status message: your client's""", ask(carol, "status"));

    assertEquals("Status message set to 'Back at 3'.", ask(carol, "away Back at 3"));
    assertEquals("The command away needs more: the status message, or off. Send help for the list of commands.",
        ask(carol, "away"));
    assertEquals("You are now invisible on ICQ.", ask(carol, "invisible on"));
    assertEquals("The command invisible needs more: on or off. Send help for the list of commands.",
        ask(carol, "invisible"));
    assertTrue(ask(carol, "status").endsWith("Invisible: yes\nStatus message: 'Back at 3'"));
    assertEquals("You are now visible on ICQ.", ask(carol, "invisible off"));
    assertEquals("Your client's status message is used again.", ask(carol, "away off"));

    String found = ask(carol, "find bob@example.org");
    assertTrue(found.startsWith("Found 1:\n100002 Bobby (Bob Builder"), found);
    assertEquals("Nobody found.", ask(carol, "find nobody@example.org"));
    assertEquals("The command find needs more: a name, e-mail address or ICQ number. Send help for the list of "
        + "commands.", ask(carol, "find"));
    String info = ask(carol, "info 100002");
    assertTrue(info.startsWith("ICQ 100002:\nNickname: Bobby\nName: Bob Builder\nE-mail: bob@example.org"), info);
    assertEquals("\"no!such\" is not an ICQ number or AIM screen name.", ask(carol, "info no!such"));
    assertEquals("The command info needs more: an ICQ number. Send help for the list of commands.",
        ask(carol, "info"));

    int logins = simulator.loginAttempts(CAROL_UIN);
    assertEquals("Reconnecting to ICQ…", ask(carol, "reconnect"));
    Await.until(() -> simulator.loginAttempts(CAROL_UIN) > logins, WAIT, "the transport logged in to ICQ again");
    Await.until(() -> simulator.isOnline(CAROL_UIN), WAIT, "100004 online again");

    assertTrue(ask(carol, "unregister").startsWith("Send unregister confirm to remove your ICQ account 100004"));
    assertTrue(transport.registrations().find(new UserAddress("carol@localhost")).isPresent());
    assertEquals("You are unregistered from the ICQ transport.", ask(carol, "unregister confirm"));
    assertTrue(transport.registrations().find(new UserAddress("carol@localhost")).isEmpty());
    Await.until(() -> !simulator.isOnline(CAROL_UIN), WAIT, "the ICQ session ended");
    assertEquals("You are not registered with the ICQ transport. Send register to learn how.", ask(carol, "info 100002"));
  }

  /** Runs "Register" with Smack's own ad-hoc client: execute, fill in the form it got, complete. */
  private static RemoteCommand register(AdHocCommandManager commands, Jid transportJid, String uin, String password)
      throws Exception {
    RemoteCommand register = commands.getRemoteCommand(transportJid, "register");
    register.execute();
    FillableForm form = new FillableForm(register.getForm());
    form.setAnswer("username", uin);
    form.setAnswer("password", password);
    register.complete(form);
    return register;
  }

  private static List<String> nodes(DiscoverItems items) {
    return items.getItems().stream().map(DiscoverItems.Item::getNode).toList();
  }

  /** Sends a command line to the transport and returns the body of its answer. */
  private static String ask(JabberClient client, String line) throws Exception {
    client.sendChat(COMPONENT, line);
    return answer(client);
  }

  /** The next chat message from the transport's own JID. */
  private static String answer(JabberClient client) throws Exception {
    return client.nextMessageFrom(COMPONENT, m -> m.getBody() != null && m.getType() == Message.Type.chat, WAIT)
        .getBody();
  }
}
