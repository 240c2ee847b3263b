package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.distribution.e2e.IcqUser.AuthAnswer;
import net.icqtransport.distribution.e2e.IcqUser.AuthRequest;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.nick.packet.Nick;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * XEP-0100 §5 end to end on a real Prosody: the ICQ contact list arrives in the Jabber roster by subscription
 * requests (once, not at every login), ICQ statuses arrive as presences, and authorization works both ways.
 */
class ContactsAndPresenceEndToEndTest extends TransportEndToEndTest {
  private static final String BOB = "100002";
  private static final String CAROL = "100004";
  private static final String DAVE = "100005";

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(BOB, "bob-pw")
        .account(CAROL, "carol-pw")
        .account(DAVE, "dave-pw")
        .requireAuthorization(CAROL)
        .contact(ALICE_UIN, BOB, "Bob", "Friends")
        .contact(BOB, ALICE_UIN, "Alice", "Friends");
  }

  @Test
  void theIcqContactListArrivesAsSubscriptionsOnceAndStatusesAsPresences() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();

    // The contact asks for a subscription, carrying its ICQ nickname (XEP-0172); alice's client approves
    // and asks back, so the contact ends up in her roster with a two-way subscription.
    Presence subscribe = alice.nextPresenceFrom(jid(BOB), p -> p.getType() == Presence.Type.subscribe, WAIT);
    Nick nick = subscribe.getExtension(Nick.class);
    assertNotNull(nick, "the subscription request names the contact: " + subscribe.toXML());
    assertEquals("Bob", nick.getName());
    BareJid bobJid = JidCreate.bareFrom(jid(BOB));
    Await.until(() -> {
      RosterEntry entry = alice.roster().getEntry(bobJid);
      return entry != null && entry.getType() == ItemType.both;
    }, WAIT, "100002@icq.localhost in alice's roster with subscription both");

    // ICQ statuses become presences: online, away with its text, DND, offline.
    IcqUser bob = icqUser(BOB, "bob-pw");
    alice.nextPresenceFrom(jid(BOB), p -> p.getType() == Presence.Type.available
        && p.getMode() == Presence.Mode.available, WAIT);
    bob.session().setStatus(LegacyStatus.AWAY, "out for lunch");
    alice.nextPresenceFrom(jid(BOB), p -> p.getMode() == Presence.Mode.away
        && "out for lunch".equals(p.getStatus()), WAIT);
    bob.session().setStatus(LegacyStatus.DO_NOT_DISTURB, null);
    alice.nextPresenceFrom(jid(BOB), p -> p.getMode() == Presence.Mode.dnd, WAIT);
    bob.close();
    alice.nextPresenceFrom(jid(BOB), p -> p.getType() == Presence.Type.unavailable, WAIT);

    // After a restart of the transport the contact is not offered again.
    transport.close();
    transport = startTransport();
    awaitTransportOnline(alice);
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "100001 logged in again after the restart");
    assertTrue(alice.noPresenceFrom(jid(BOB), p -> p.getType() == Presence.Type.subscribe, Duration.ofSeconds(3)),
        "the contact was offered again after a restart");
  }

  @Test
  void authorizationWorksBothWays() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    IcqUser carol = icqUser(CAROL, "carol-pw");
    IcqUser dave = icqUser(DAVE, "dave-pw");

    // Alice adds carol, who requires authorization: carol is asked, grants it, alice's subscription is approved.
    BareJid carolJid = JidCreate.bareFrom(jid(CAROL));
    alice.roster().createItemAndRequestSubscription(carolJid, "Carol", null);
    assertEquals(ALICE_UIN, carol.next(AuthRequest.class, WAIT).from());
    carol.session().answerAuthorization(new LegacyContactId(ALICE_UIN), true, null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    alice.nextPresenceFrom(jid(CAROL), p -> p.getType() == Presence.Type.subscribed, WAIT);
    Await.until(() -> {
      RosterEntry entry = alice.roster().getEntry(carolJid);
      return entry != null && (entry.getType() == ItemType.to || entry.getType() == ItemType.both);
    }, WAIT, "alice subscribed to carol");

    // Dave asks alice for authorization: a subscription request with his text; alice's client approves it.
    dave.session().requestAuthorization(new LegacyContactId(ALICE_UIN), "Please add me, it's Dave")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Presence request = alice.nextPresenceFrom(jid(DAVE), p -> p.getType() == Presence.Type.subscribe, WAIT);
    assertEquals("Please add me, it's Dave", request.getStatus());
    AuthAnswer answer = dave.next(AuthAnswer.class, WAIT);
    assertEquals(ALICE_UIN, answer.from());
    assertTrue(answer.granted(), "alice's approval reached dave as a granted authorization");
  }
}
