package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.distribution.e2e.IcqUser.Text;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.junit.jupiter.api.Test;

/**
 * AIM screen names end to end (issue #16): alice on a real Prosody registers the AIM screen name "Joe User" and
 * chats both ways with the ICQ number 100002 (Bob) and the screen name "Mary Ann", whose AIM client sends HTML;
 * what Mary writes while Joe is offline reaches alice later with its time.
 */
class AimScreenNamesEndToEndTest extends TransportEndToEndTest {
  private static final String JOE = "Joe User";
  private static final String JOE_PASSWORD = "joe-aim-pass";
  private static final String MARY = "Mary Ann";
  private static final String MARY_PASSWORD = "mary-aim-pass";
  /** Mary's contact JID: her normalized screen name. */
  private static final String MARY_JID = "maryann@" + COMPONENT;

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(JOE, JOE_PASSWORD)
        .account(MARY, MARY_PASSWORD)
        .account(BOB_UIN, BOB_ICQ_PASSWORD)
        .contact(JOE, MARY, null, "Buddies")
        .contact(JOE, BOB_UIN, "Bob", "Buddies")
        .contact(MARY, JOE, null, "Buddies")
        .contact(BOB_UIN, JOE, null, "Buddies");
  }

  @Test
  void aJabberUserWithAScreenNameChatsWithAnIcqNumberAndAnAimScreenName() throws Exception {
    transport = startTransport();
    JabberClient alice = loginAlice();

    // Registered with the name as its owner writes it; stored, and logged in, by its normalized form.
    alice.registerWithTransport(COMPONENT, JOE, JOE_PASSWORD);
    awaitTransportOnline(alice);
    awaitSignedOnAtTheServer(JOE);
    assertEquals("joeuser", transport.registrations().find(new UserAddress("alice@localhost")).orElseThrow()
        .credentials().account().value());

    // Mary, from Joe's server-side list, is offered under her normalized name with her own spelling as nickname.
    Presence subscribe = alice.nextPresenceFrom(MARY_JID, p -> p.getType() == Presence.Type.subscribe, WAIT);
    Nick nick = subscribe.getExtension(Nick.class);
    assertNotNull(nick, "the subscription request names the contact: " + subscribe.toXML());
    assertEquals(MARY, nick.getName());
    String maryJid = subscribe.getFrom().asBareJid().toString();
    assertEquals(MARY_JID, maryJid);

    IcqUser mary = icqUser(MARY, MARY_PASSWORD);
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    Await.until(() -> simulator.isOnline(MARY) && simulator.isOnline(BOB_UIN), WAIT, "Mary and Bob past client-ready");

    // With the ICQ number, both ways; what one side types the other reads, markup characters included.
    alice.sendChat(jid(BOB_UIN), "Hi Bob, <b>not bold</b> & Grüße 😀");
    assertEquals(new Text("joeuser", "Hi Bob, <b>not bold</b> & Grüße 😀"), bob.next(Text.class, WAIT));
    bob.session().sendMessage(new LegacyContactId("joeuser"), "Hi Joe, 1 < 2 & Привет")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("Hi Joe, 1 < 2 & Привет", alice.nextMessageFrom(jid(BOB_UIN), m -> m.getBody() != null, WAIT)
        .getBody());

    // To Mary at the address the transport gave her: a typed <b> reaches her AIM client as text, not markup
    // (it goes out HTML-escaped; her client, ours here, reads the body as HTML as AIM clients do).
    alice.sendChat(maryJid, "this <b> is typed, & so is this\nsecond line");
    assertEquals(new Text("joeuser", "this <b> is typed, & so is this\nsecond line"), mary.next(Text.class, WAIT));

    // An HTML body from her AIM client arrives as clean text.
    assertTrue(simulator.deliverMessageAs(MARY, JOE, "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT FACE=\"Arial\" SIZE=2 "
        + "COLOR=\"#000000\">Hi <B>Joe</B> &amp; <FONT COLOR=\"#ff0000\"><I>friends</I></FONT>,<BR>look "
        + "<A HREF=\"http://example.org/\">here</A> &#8212; Gr&uuml;&szlig;e</FONT></BODY></HTML>"));
    assertEquals("Hi Joe & friends,\nlook here (http://example.org/) — Grüße",
        alice.nextMessageFrom(maryJid, m -> m.getBody() != null, WAIT).getBody());

    // Her reply through our own client, and her address written with the space escaped (XEP-0106): same contact.
    mary.session().sendMessage(new LegacyContactId("joeuser"), "a <i> & b").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("a <i> & b", alice.nextMessageFrom(maryJid, m -> m.getBody() != null, WAIT).getBody());
    alice.sendChat("Mary\\20Ann@" + COMPONENT, "by her spelled-out name");
    assertEquals(new Text("joeuser", "by her spelled-out name"), mary.next(Text.class, WAIT));
  }

  /**
   * Offline messages of a screen-name account (issue #16): "Joe User" is offline, "Mary Ann" writes; the server
   * keeps the ICBM (TLV 0x06) and hands it over when the transport signs Joe on again (04/10 → 04/07 with TLV
   * 0x16 → 04/17), and alice gets it with its original time as an XEP-0203 delay stamp. The status command
   * shows the account as the server spells it.
   */
  @Test
  void aScreenNameGetsTheMessagesWrittenWhileItWasOfflineWithTheirTime() throws Exception {
    transport = startTransport();
    JabberClient alice = loginAlice();
    alice.registerWithTransport(COMPONENT, JOE, JOE_PASSWORD);
    awaitTransportOnline(alice);

    // The account as the server spells it (01/0F), not the stored "joeuser".
    alice.sendChat(COMPONENT, "status");
    assertTrue(alice.nextMessageFrom(COMPONENT, m -> m.getBody() != null && m.getBody().startsWith("ICQ account"),
        WAIT).getBody().startsWith("ICQ account: Joe User\n"));

    // Alice leaves: the transport signs Joe off.
    alice.close();
    Await.until(() -> !simulator.isOnline(JOE), WAIT, "Joe User signed off with alice");

    IcqUser mary = icqUser(MARY, MARY_PASSWORD);
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    mary.session().sendMessage(new LegacyContactId("joeuser"), "while you were away: <b> & Grüße 😀")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Await.until(() -> simulator.storedOfflineMessages(JOE) == 1, WAIT, "the server kept the message for Joe");
    Instant after = Instant.now();

    // Alice is back: the transport signs Joe on and fetches what the server kept, with its time.
    JabberClient back = loginAlice();
    Message stored = back.nextMessageFrom(MARY_JID, m -> m.getBody() != null, WAIT);
    assertEquals("while you were away: <b> & Grüße 😀", stored.getBody());
    Instant stamp = JabberClient.delayStamp(stored);
    assertNotNull(stamp, "an XEP-0203 delay stamp: " + stored.toXML());
    assertFalse(stamp.isBefore(before) || stamp.isAfter(after), stamp + " not within " + before + " … " + after);
    Await.until(() -> simulator.storedOfflineMessages(JOE) == 0, WAIT, "nothing left on the server");

    // Once only: a live message next is the next thing from Mary.
    mary.session().sendMessage(new LegacyContactId("joeuser"), "and now live").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message live = back.nextMessageFrom(MARY_JID, m -> m.getBody() != null, WAIT);
    assertEquals("and now live", live.getBody());
    assertNull(JabberClient.delayStamp(live));
  }
}
