package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyRoom;
import net.icqtransport.core.legacy.LegacyRoomId;
import net.icqtransport.core.legacy.LegacyRoomListener;
import net.icqtransport.oscar.server.KickStyle;
import net.icqtransport.oscar.server.OscarSimulator;
import net.icqtransport.xmpp.testing.ProsodyServer;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Issue #18, end to end on Prosody with the OSCAR simulator: two Jabber users (Smack's XEP-0045 client) and an
 * ICQ user on our OSCAR client meet in the ICQ chat room "Lobby" ({@code #lobby@icq.localhost}); each sees the
 * others, messages flow in order both ways with non-ASCII text, invitations work both ways (a mediated one from
 * Jabber becomes an ICQ chat invitation; an ICQ one arrives as a XEP-0249 direct invitation), and leaving shows as
 * unavailable to the rest.
 */
class GroupChatEndToEndTest extends TransportEndToEndTest {
  private static final String CAROL_UIN = "100004";
  private static final String CAROL_ICQ_PASSWORD = "icq-pass-carol";
  private static final String CAROL_XMPP_PASSWORD = "carol-xmpp-password";

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    withBobAsMutualContact(builder).account(CAROL_UIN, CAROL_ICQ_PASSWORD);
  }

  @Override
  protected void configureProsody(ProsodyServer server) {
    server.addUser("carol", CAROL_XMPP_PASSWORD);
  }

  /** What the ICQ user's room reports. */
  private static final class RoomEvents implements LegacyRoomListener {
    final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @Override
    public void occupantsPresent(List<LegacyContactId> occupants) {
      events.add("present " + occupants.stream().map(LegacyContactId::value).sorted().toList());
    }

    @Override
    public void occupantJoined(LegacyContactId occupant) {
      events.add("joined " + occupant.value());
    }

    @Override
    public void occupantLeft(LegacyContactId occupant) {
      events.add("left " + occupant.value());
    }

    @Override
    public void messageReceived(LegacyContactId from, String text) {
      events.add(from.value() + ": " + text);
    }

    @Override
    public void roomClosed(String reason) {
      events.add("closed");
    }

    String next() throws InterruptedException {
      String event = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(event != null, "no room event within " + WAIT);
      return event;
    }
  }

  /** The next groupchat message with a body (the join ends with an empty subject, XEP-0045 §7.2.15). */
  private static Message nextWithBody(MultiUserChat room) throws Exception {
    while (true) {
      Message message = room.nextMessage(WAIT.toMillis());
      assertTrue(message != null, "no room message within " + WAIT);
      if (message.getBody() != null) {
        return message;
      }
    }
  }

  @Test
  void twoJabberUsersAndAnIcqUserMeetTalkAndLeave() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    JabberClient carol = JabberClient.login(prosody, "carol", CAROL_XMPP_PASSWORD);
    closeAfterTest(carol);
    carol.registerWithTransport(COMPONENT, CAROL_UIN, CAROL_ICQ_PASSWORD);
    awaitTransportOnline(carol);
    EntityBareJid lobby = JidCreate.entityBareFrom("#lobby@" + COMPONENT);

    MultiUserChat aliceRoom = MultiUserChatManager.getInstanceFor(alice.connection()).getMultiUserChat(lobby);
    aliceRoom.join(Resourcepart.from(ALICE_UIN));
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);

    // Alice invites Bob from Jabber (a mediated invitation through the room); Bob joins by it.
    aliceRoom.invite(JidCreate.entityBareFrom(jid(BOB_UIN)), "come in");
    IcqUser.RoomInvite invite = bob.next(IcqUser.RoomInvite.class, WAIT);
    assertEquals(ALICE_UIN, invite.from());
    assertEquals(LegacyRoomId.named("Lobby"), invite.room());
    assertEquals("come in", invite.text());
    RoomEvents bobRoom = new RoomEvents();
    LegacyRoom bobIn = bob.session().joinRoom(invite.room(), bobRoom).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("present [100001, 100002]", bobRoom.next());

    // Bob invites Carol from ICQ: a XEP-0249 direct invitation from his contact address; Carol joins by it.
    bob.session().inviteToRoom(LegacyRoomId.named("Lobby"), new LegacyContactId(CAROL_UIN), "join us")
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message direct = carol.nextMessageFrom(jid(BOB_UIN),
        m -> m.toXML().toString().contains("jabber:x:conference"), WAIT);
    Matcher invited = Pattern.compile("jid=['\"]([^'\"]+)['\"]").matcher(direct.toXML().toString());
    assertTrue(invited.find(), direct.toXML().toString());
    MultiUserChat carolRoom = MultiUserChatManager.getInstanceFor(carol.connection())
        .getMultiUserChat(JidCreate.entityBareFrom(invited.group(1)));
    assertEquals(lobby, carolRoom.getRoom(), "the invitation names the room's address");
    carolRoom.join(Resourcepart.from(CAROL_UIN));
    assertEquals("joined 100004", bobRoom.next());
    Await.until(() -> aliceRoom.getOccupants().size() == 3, WAIT, "alice sees three occupants");
    Await.until(() -> carolRoom.getOccupants().size() == 3, WAIT, "carol sees three occupants");

    aliceRoom.sendMessage("Grüße aus Jabber ✓");
    assertEquals("100001: Grüße aus Jabber ✓", bobRoom.next());
    bobIn.sendMessage("Привет from ICQ").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("100002: Привет from ICQ", bobRoom.next()); // the server reflects it
    for (MultiUserChat room : List.of(aliceRoom, carolRoom)) {
      Message first = nextWithBody(room);
      Message second = nextWithBody(room);
      assertEquals("Grüße aus Jabber ✓", first.getBody(), "in order, the sender's own reflected too");
      assertEquals(ALICE_UIN, first.getFrom().getResourceOrEmpty().toString());
      assertEquals("Привет from ICQ", second.getBody());
      assertEquals(BOB_UIN, second.getFrom().getResourceOrEmpty().toString());
    }

    carolRoom.leave();
    assertEquals("left 100004", bobRoom.next());
    Await.until(() -> aliceRoom.getOccupants().size() == 2, WAIT, "carol's leaving reached alice");
    bobIn.leave();
    Await.until(() -> aliceRoom.getOccupants().size() == 1, WAIT, "bob's leaving reached alice");
  }

  /**
   * The OSCAR session drops (the server closes the connection): the user sees a short status in the room (an
   * unavailable self-presence with status 332), and once the transport is back the room is joined again.
   */
  @Test
  void anOscarReconnectRejoinsTheRoom() throws Exception {
    transport = startTransport(FaultTimers.fast());
    JabberClient alice = registeredAlice();
    String self = "#lobby@" + COMPONENT + "/" + ALICE_UIN;
    MultiUserChat aliceRoom = MultiUserChatManager.getInstanceFor(alice.connection())
        .getMultiUserChat(JidCreate.entityBareFrom("#lobby@" + COMPONENT));
    aliceRoom.join(Resourcepart.from(ALICE_UIN));
    IcqUser bob = icqUser(BOB_UIN, BOB_ICQ_PASSWORD);
    RoomEvents bobRoom = new RoomEvents();
    LegacyRoom bobIn = bob.session().joinRoom(LegacyRoomId.named("lobby"), bobRoom).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals("present [100001, 100002]", bobRoom.next());

    simulator.kick(ALICE_UIN, KickStyle.CLOSE_ONLY);

    org.jivesoftware.smack.packet.Presence lost = alice.nextPresenceFrom(self,
        p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.unavailable, WAIT);
    assertTrue(lost.toXML().toString().contains("code='332'") || lost.toXML().toString().contains("code=\"332\""),
        lost.toXML().toString());
    assertEquals("left 100001", bobRoom.next());
    awaitTransportOnline(alice);
    alice.nextPresenceFrom(self, p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.available, WAIT);
    assertEquals("joined 100001", bobRoom.next());

    bobIn.sendMessage("welcome back").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    Message back = alice.nextMessageFrom("#lobby@" + COMPONENT + "/" + BOB_UIN, m -> m.getBody() != null, WAIT);
    assertEquals("welcome back", back.getBody());
  }
}
