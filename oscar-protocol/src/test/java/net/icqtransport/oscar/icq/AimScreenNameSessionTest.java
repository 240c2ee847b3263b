package net.icqtransport.oscar.icq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySession;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.icq.RecordingListener.ContactList;
import net.icqtransport.oscar.icq.RecordingListener.Message;
import net.icqtransport.oscar.icq.RecordingListener.Status;
import net.icqtransport.oscar.server.OscarSimulator;
import org.junit.jupiter.api.Test;

/**
 * AIM screen-name accounts and contacts (issue #16) against the simulator over TCP: login with the name as its
 * owner writes it, lists holding screen names, messages between a UIN and screen names, HTML bodies.
 */
class AimScreenNameSessionTest extends IcqSimulatorTestBase {
  private static final String JOE = "Joe User";
  private static final String MARY = "Mary Ann";

  @Override
  OscarSimulator.Builder simulator(OscarSimulator.Builder builder) {
    return builder
        .account(JOE, "joe-pw")
        .account(MARY, "mary-pw")
        .account(BOB, "bob-pw")
        .account(ALICE, "alice-pw")
        .contact(JOE, MARY, null, "Buddies")
        .contact(JOE, BOB, "Bob", "Buddies")
        .contact(MARY, "JoeUser", null, "Buddies")
        .contact(BOB, JOE, null, "Buddies")
        .profile(MARY, "<HTML><BODY BGCOLOR=\"#ffffff\">Jazz &amp; <B>tea</B><BR>in Boston</BODY></HTML>");
  }

  @Override
  IcqNetworkSettings settings() {
    return super.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(3));
  }

  private LegacySession login(String name, String password, RecordingListener listener) throws Exception {
    IcqNetwork network = new IcqNetwork(settings(), group);
    return open(network, network.parseContactId(name).value(), password, listener);
  }

  @Test
  void screenNamesLogInAndListEachOtherUnderOneIdWithTheOwnersSpelling() throws Exception {
    RecordingListener joe = new RecordingListener();
    LegacySession joeSession = login(JOE, "joe-pw", joe);
    assertEquals(new LegacyContactId("joeuser"), joeSession.account());
    // Logged in as "joeuser"; the server's own info (01/0F) spells it as registered.
    assertEquals(java.util.Optional.of(JOE), joeSession.accountDisplayName());

    List<LegacyContact> contacts = joe.await(ContactList.class).contacts();
    assertTrue(contacts.contains(new LegacyContact(new LegacyContactId("maryann"), MARY, "Buddies")), contacts::toString);
    assertTrue(contacts.contains(new LegacyContact(new LegacyContactId(BOB), "Bob", "Buddies")), contacts::toString);

    RecordingListener mary = new RecordingListener();
    LegacySession marySession = login("maryann", "mary-pw", mary);
    assertEquals(java.util.Optional.of(MARY), marySession.accountDisplayName());
    assertEquals(LegacyStatus.ONLINE, joe.await(Status.class, s -> s.contact().value().equals("maryann")).status());
    // Mary's list spells him "JoeUser": still the same id.
    mary.await(Status.class, s -> s.contact().equals(new LegacyContactId("joeuser")));
    joeSession.close();
    marySession.close();
  }

  @Test
  void messagesBetweenAUinAndScreenNames() throws Exception {
    RecordingListener joe = new RecordingListener();
    RecordingListener mary = new RecordingListener();
    RecordingListener bob = new RecordingListener();
    LegacySession joeSession = login(JOE, "joe-pw", joe);
    LegacySession marySession = login(MARY, "mary-pw", mary);
    LegacySession bobSession = open(BOB, "bob-pw", bob);
    // The server takes each client-ready (01/02) after the login completed: send once all three are past it.
    awaitTrue(() -> icq.isOnline(JOE) && icq.isOnline(MARY) && icq.isOnline(BOB));
    IcqNetwork parser = new IcqNetwork(settings(), group);

    // Between a screen name and a UIN both ends speak HTML, so what one types the other reads.
    joeSession.sendMessage(id(BOB), "<b>to Bob</b> & co").get(10, TimeUnit.SECONDS);
    Message toBob = bob.await(Message.class);
    assertEquals(new LegacyContactId("joeuser"), toBob.from());
    assertEquals("<b>to Bob</b> & co", toBob.text());
    bobSession.sendMessage(parser.parseContactId(JOE), "1 < 2 &amp; <i>").get(10, TimeUnit.SECONDS);
    Message fromBob = joe.await(Message.class);
    assertEquals(new LegacyContactId(BOB), fromBob.from());
    assertEquals("1 < 2 &amp; <i>", fromBob.text());

    // Between screen names: escaped on the way, read as HTML on arrival, so what was typed arrives.
    joeSession.sendMessage(parser.parseContactId("mary ann"), "<b>literally</b>\nGrüße & 😀")
        .get(10, TimeUnit.SECONDS);
    Message toMary = mary.await(Message.class);
    assertEquals(new LegacyContactId("joeuser"), toMary.from());
    assertEquals("<b>literally</b>\nGrüße & 😀", toMary.text());

    // An AIM client's HTML body arrives as its text.
    assertTrue(icq.deliverMessageAs(MARY, JOE, "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT FACE=\"Arial\" SIZE=2>"
        + "Hi <B>Joe</B>,<BR>see <A HREF=\"http://example.org\">this</A> &amp; &#252;</FONT></BODY></HTML>"));
    Message html = joe.await(Message.class);
    assertEquals(new LegacyContactId("maryann"), html.from());
    assertEquals("Hi Joe,\nsee this (http://example.org) & ü", html.text());
    joeSession.close();
    marySession.close();
    bobSession.close();
  }

  /**
   * AIM presence through the location family (issue #16): Mary's client goes away with a text, which Joe (a
   * screen name) and Bob (a UIN) read with 02/15; her profile is her user info; her idle time reaches Joe.
   */
  @Test
  void awayMessagesProfilesAndIdleTimeTheAimWay() throws Exception {
    RecordingListener joe = new RecordingListener();
    LegacySession joeSession = login(JOE, "joe-pw", joe);
    LegacySession marySession = login(MARY, "mary-pw", new RecordingListener());
    LegacySession bobSession = open(BOB, "bob-pw", new RecordingListener());
    LegacyContactId mary = new LegacyContactId("maryann");
    assertEquals(LegacyStatus.ONLINE, joe.await(Status.class, s -> s.contact().equals(mary)).status());
    awaitTrue(() -> icq.isOnline(BOB));

    // N/A does not exist on AIM: it goes out as away, with its text (HTML-escaped, and read back as typed).
    marySession.setStatus(LegacyStatus.NOT_AVAILABLE, "out to <lunch> & back at 2");
    assertEquals(LegacyStatus.AWAY, joe.await(Status.class,
        s -> s.contact().equals(mary) && s.status() != LegacyStatus.ONLINE).status());
    assertEquals(java.util.Optional.of("out to <lunch> & back at 2"),
        joeSession.fetchStatusMessage(mary).get(10, TimeUnit.SECONDS));
    assertEquals(java.util.Optional.of("out to <lunch> & back at 2"),
        bobSession.fetchStatusMessage(mary).get(10, TimeUnit.SECONDS));

    var profile = bobSession.fetchUserInfo(mary).get(10, TimeUnit.SECONDS);
    assertEquals(MARY, profile.nickname());
    assertEquals("Jazz & tea\nin Boston", profile.about());

    assertTrue(icq.setIdle(MARY, Duration.ofMinutes(7)));
    Status idle = joe.await(Status.class, s -> s.contact().equals(mary) && s.idleSince() != null);
    assertEquals(LegacyStatus.AWAY, idle.status());
    long minutes = Duration.between(idle.idleSince(), java.time.Instant.now()).toMinutes();
    assertTrue(minutes >= 6 && minutes <= 8, () -> minutes + " minutes idle");

    marySession.setStatus(LegacyStatus.ONLINE, null);
    assertEquals(LegacyStatus.ONLINE, joe.await(Status.class, s -> s.contact().equals(mary)).status());
    assertEquals(java.util.Optional.empty(), joeSession.fetchStatusMessage(mary).get(10, TimeUnit.SECONDS));
    joeSession.close();
    marySession.close();
    bobSession.close();
  }

  @Test
  void betweenTwoUinsTheTextStaysPlain() throws Exception {
    RecordingListener alice = new RecordingListener();
    LegacySession aliceSession = open(ALICE, "alice-pw", alice);
    LegacySession bobSession = open(BOB, "bob-pw", new RecordingListener());
    assertEquals(java.util.Optional.empty(), bobSession.accountDisplayName(), "a UIN is spelled as its id");
    awaitTrue(() -> icq.isOnline(ALICE) && icq.isOnline(BOB));

    bobSession.sendMessage(id(ALICE), "<b>not bold</b> &amp; <BR> stays").get(10, TimeUnit.SECONDS);
    assertEquals("<b>not bold</b> &amp; <BR> stays", alice.await(Message.class).text());
    aliceSession.close();
    bobSession.close();
  }
}
