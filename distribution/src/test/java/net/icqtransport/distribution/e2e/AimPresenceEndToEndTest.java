package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * AIM presence through the location family end to end (issue #16): alice on a real Prosody, registered with the
 * ICQ number 100001, has the AIM screen name "Mary Ann" in her server-side list. Mary goes away (her client sets
 * an away message, which is all AIM has): alice sees her away with that text; an AIM client's HTML away message
 * arrives as clean text; Mary's idle time arrives as XEP-0319; Mary's vCard shows her AIM profile.
 */
class AimPresenceEndToEndTest extends TransportEndToEndTest {
  private static final String MARY = "Mary Ann";
  private static final String MARY_PASSWORD = "mary-aim-pass";
  private static final String MARY_JID = "maryann@" + COMPONENT;
  private static final Pattern SINCE = Pattern.compile("since=['\"]([^'\"]+)['\"]");

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(MARY, MARY_PASSWORD)
        .contact(ALICE_UIN, MARY, null, "Buddies")
        .contact(MARY, ALICE_UIN, "Alice", "Buddies")
        .profile(MARY, "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT FACE=\"Arial\">I like <B>jazz</B> &amp; tea"
            + "<BR>Boston</FONT></BODY></HTML>");
  }

  private static boolean available(Presence p) {
    return p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.available;
  }

  private static boolean away(Presence p, String text) {
    return p.getType() == Presence.Type.available && p.getMode() == Presence.Mode.away && text.equals(p.getStatus());
  }

  @Test
  void anAimContactsAwayMessageIdleTimeAndProfileReachAJabberUserRegisteredWithAnIcqNumber() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    BareJid maryJid = JidCreate.bareFrom(MARY_JID);
    Await.until(() -> {
      RosterEntry entry = alice.roster().getEntry(maryJid);
      return entry != null && entry.getType() == ItemType.both;
    }, WAIT, MARY_JID + " in alice's roster with subscription both");

    IcqUser mary = icqUser(MARY, MARY_PASSWORD);
    alice.nextPresenceFrom(MARY_JID, AimPresenceEndToEndTest::available, WAIT);

    // Mary's client goes away with a text (N/A, which AIM lacks, goes out as away): alice sees away with it,
    // markup characters as typed.
    String typed = "out to <lunch> & back at 2";
    mary.session().setStatus(LegacyStatus.NOT_AVAILABLE, typed);
    alice.nextPresenceFrom(MARY_JID, p -> away(p, typed), WAIT);

    // Back, and away again from an AIM client whose away message is HTML: clean text arrives.
    mary.session().setStatus(LegacyStatus.ONLINE, null);
    alice.nextPresenceFrom(MARY_JID, AimPresenceEndToEndTest::available, WAIT);
    assertTrue(simulator.setAwayMessage(MARY, "<HTML><BODY><B>lunch</B> &amp; back</BODY></HTML>"));
    alice.nextPresenceFrom(MARY_JID, p -> away(p, "lunch & back"), WAIT);

    // Idle for ten minutes: the presence says since when (XEP-0319), still away with the text.
    Instant before = Instant.now();
    assertTrue(simulator.setIdle(MARY, Duration.ofMinutes(10)));
    Presence idle = alice.nextPresenceFrom(MARY_JID, p -> p.getExtension("idle", "urn:xmpp:idle:1") != null, WAIT);
    assertEquals(Presence.Mode.away, idle.getMode());
    assertEquals("lunch & back", idle.getStatus());
    ExtensionElement element = idle.getExtension("idle", "urn:xmpp:idle:1");
    Matcher since = SINCE.matcher(element.toXML().toString());
    assertTrue(since.find(), element.toXML().toString());
    Duration idleFor = Duration.between(Instant.parse(since.group(1)), before);
    assertTrue(idleFor.compareTo(Duration.ofMinutes(9)) > 0 && idleFor.compareTo(Duration.ofMinutes(11)) < 0,
        "idle since " + since.group(1) + ", " + idleFor + " before the change");

    // Her vCard is her AIM profile, with her name as she writes it.
    VCard vcard = VCardManager.getInstanceFor(alice.connection()).loadVCard(JidCreate.entityBareFrom(MARY_JID));
    assertEquals(MARY, vcard.getNickName());
    assertEquals("I like jazz & tea\nBoston", vcard.getField("DESC"));
  }
}
