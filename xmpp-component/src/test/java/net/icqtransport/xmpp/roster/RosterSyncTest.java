package net.icqtransport.xmpp.roster;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanza;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;

/** Roster sync after login, in each of its three ways (XEP-0356 §4.3, XEP-0144 §3, XEP-0100 §5.1 + XEP-0172). */
class RosterSyncTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContact BOB = new LegacyContact(new LegacyContactId("123456"), "Bob", "Friends");
  private static final LegacyContact CAROL = new LegacyContact(new LegacyContactId("234567"), "Carol", null);

  private final RouterFixture fixture = new RouterFixture();

  private void privilegeGranted(String namespace, String type) {
    fixture.receive("<message from='localhost' to='icq.localhost' id='p1'><privilege xmlns='" + namespace + "'>"
        + "<perm access='roster' type='" + type + "'/><perm access='message' type='outgoing'/></privilege></message>");
  }

  @Test
  void withTheRosterPrivilegeContactsAreWrittenIntoTheRosterAfterReadingIt() {
    privilegeGranted("urn:xmpp:privilege:2", "both");
    assertTrue(fixture.sender.sent().isEmpty(), "the privilege message is consumed, not answered");
    fixture.endpoint.contactPresenceChanged(ALICE, BOB.id(), LegacyPresence.of(LegacyStatus.AWAY));
    fixture.sender.clear();

    fixture.endpoint.contactListReceived(ALICE, List.of(BOB, CAROL));

    IQ get = (IQ) single();
    assertStanza("<iq type='get' id='" + get.getID() + "' from='icq.localhost' to='alice@localhost'>"
        + "<query xmlns='jabber:iq:roster'/></iq>", get);
    fixture.sender.clear();
    // Carol is in the roster already, under the same name: left alone.
    fixture.receive("<iq type='result' id='" + get.getID() + "' from='alice@localhost' to='icq.localhost'>"
        + "<query xmlns='jabber:iq:roster'><item jid='234567@icq.localhost' name='Carol' subscription='both'/></query></iq>");

    IQ set = (IQ) single();
    assertStanza("""
        <iq type='set' id='%s' from='icq.localhost' to='alice@localhost'>
          <query xmlns='jabber:iq:roster'>
            <item jid='123456@icq.localhost' name='Bob' subscription='both'><group>Friends</group></item>
          </query>
        </iq>""".formatted(set.getID()), set);
    verify(fixture.contactSync).markSynced(ALICE, CAROL);
    verify(fixture.contactSync, never()).markSynced(ALICE, BOB);
    fixture.sender.clear();

    fixture.receive("<iq type='result' id='" + set.getID() + "' from='alice@localhost' to='icq.localhost'/>");

    verify(fixture.contactSync).markSynced(ALICE, BOB);
    assertStanzas(fixture.sender.sent(), """
        <presence from='123456@icq.localhost' to='alice@localhost'>
          <show>away</show><x xmlns='vcard-temp:x:update'><photo/></x>
        </presence>""");
  }

  @Test
  void aSetOnlyPrivilegeFromVersionOnePushesWithoutReading() {
    privilegeGranted("urn:xmpp:privilege:1", "set");

    fixture.endpoint.contactListReceived(ALICE, List.of(CAROL));

    IQ set = (IQ) single();
    assertStanza("<iq type='set' id='" + set.getID() + "' from='icq.localhost' to='alice@localhost'>"
        + "<query xmlns='jabber:iq:roster'><item jid='234567@icq.localhost' name='Carol' subscription='both'/></query></iq>", set);
  }

  @Test
  void aRefusedRosterSetFallsBackToASubscriptionRequest() {
    privilegeGranted("urn:xmpp:privilege:2", "set");
    fixture.endpoint.contactListReceived(ALICE, List.of(CAROL));
    IQ set = (IQ) single();
    fixture.sender.clear();
    verify(fixture.contactSync, never()).markSynced(any(), any());

    // ejabberd 23.01 answers so (its issue #3942)
    fixture.receive("<iq type='error' id='" + set.getID() + "' from='alice@localhost' to='icq.localhost'>"
        + "<error type='wait'><internal-server-error xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

    assertStanzas(fixture.sender.sent(), """
        <presence type='subscribe' from='234567@icq.localhost' to='alice@localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Carol</nick>
        </presence>""");
    verify(fixture.contactSync).markSynced(ALICE, CAROL);
  }

  @Test
  void aPrivilegeFromAnythingButAServerIsIgnored() {
    fixture.receive("<message from='mallory@localhost/x' to='icq.localhost'><privilege xmlns='urn:xmpp:privilege:2'>"
        + "<perm access='roster' type='both'/></privilege></message>");

    fixture.endpoint.contactListReceived(ALICE, List.of(CAROL));

    assertStanzas(fixture.sender.sent(), """
        <presence type='subscribe' from='234567@icq.localhost' to='alice@localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Carol</nick>
        </presence>""");
  }

  @Test
  void aClientThatSupportsRosterItemExchangeGetsOneSuggestionMessage() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/Gajim' to='icq.localhost'/>");
    IQ discoInfo = (IQ) single();
    assertStanza("<iq type='get' id='" + discoInfo.getID() + "' from='icq.localhost' to='alice@localhost/Gajim'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>", discoInfo);
    fixture.sender.clear();

    fixture.endpoint.contactListReceived(ALICE, List.of(BOB, CAROL));
    assertTrue(fixture.sender.sent().isEmpty(), "waits for the client's features");

    fixture.receive("<iq type='result' id='" + discoInfo.getID() + "' from='alice@localhost/Gajim' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='http://jabber.org/protocol/rosterx'/></query></iq>");

    assertStanzas(fixture.sender.sent(), """
        <message from='icq.localhost' to='alice@localhost/Gajim'>
          <body>Your ICQ contacts: add them to your roster.</body>
          <x xmlns='http://jabber.org/protocol/rosterx'>
            <item action='add' jid='123456@icq.localhost' name='Bob'><group>Friends</group></item>
            <item action='add' jid='234567@icq.localhost' name='Carol'/>
          </x>
        </message>""");
    verify(fixture.contactSync).markSynced(ALICE, BOB);
    verify(fixture.contactSync).markSynced(ALICE, CAROL);
  }

  @Test
  void otherwiseEachContactAsksForASubscriptionWithItsNickname() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/Phone' to='icq.localhost'/>");
    IQ discoInfo = (IQ) single();
    fixture.receive("<iq type='result' id='" + discoInfo.getID() + "' from='alice@localhost/Phone' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='urn:xmpp:receipts'/></query></iq>");
    fixture.sender.clear();

    fixture.endpoint.contactListReceived(ALICE, List.of(BOB, CAROL));

    assertStanzas(fixture.sender.sent(), """
        <presence type='subscribe' from='123456@icq.localhost' to='alice@localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Bob</nick>
        </presence>""", """
        <presence type='subscribe' from='234567@icq.localhost' to='alice@localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Carol</nick>
        </presence>""");
    verify(fixture.contactSync).markSynced(ALICE, BOB);
    verify(fixture.contactSync).markSynced(ALICE, CAROL);
  }

  @Test
  void aClientThatGoesOfflineBeforeAnsweringIsNotWaitedFor() {
    when(fixture.gateway.userAvailable(any(), anyString(), anyInt(), any(), any())).thenReturn(true);
    fixture.receive("<presence from='alice@localhost/Phone' to='icq.localhost'/>");
    IQ discoInfo = (IQ) single();
    fixture.sender.clear();
    fixture.endpoint.contactListReceived(ALICE, List.of(BOB));
    assertTrue(fixture.sender.sent().isEmpty(), "waits for the client's features");

    fixture.receive("<presence type='unavailable' from='alice@localhost/Phone' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(), """
        <presence type='subscribe' from='123456@icq.localhost' to='alice@localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Bob</nick>
        </presence>""");
    assertEquals(0, fixture.iqRequests.waiting());
    fixture.sender.clear();

    fixture.receive("<iq type='result' id='" + discoInfo.getID() + "' from='alice@localhost/Phone' to='icq.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'><feature var='http://jabber.org/protocol/rosterx'/></query></iq>");
    assertTrue(fixture.sender.sent().isEmpty(), "a late answer is consumed: " + fixture.sender.allXml());
  }

  @Test
  void contactsSyncedBeforeAreNotOfferedAgain() {
    doReturn(Set.of(BOB.id(), CAROL.id())).when(fixture.contactSync).synced(ALICE);
    privilegeGranted("urn:xmpp:privilege:2", "both");

    fixture.endpoint.contactListReceived(ALICE, List.of(BOB, CAROL));

    assertTrue(fixture.sender.sent().isEmpty(), fixture.sender.allXml());
    verify(fixture.contactSync, never()).markSynced(any(), any());
  }

  @Test
  void onlyTheNewContactIsOfferedAtTheNextLogin() {
    doReturn(Set.of(BOB.id())).when(fixture.contactSync).synced(ALICE);

    fixture.endpoint.contactListReceived(ALICE, List.of(BOB, CAROL));

    assertEquals(1, fixture.sender.sent().size());
    assertStanza("<presence type='subscribe' from='234567@icq.localhost' to='alice@localhost'>"
        + "<nick xmlns='http://jabber.org/protocol/nick'>Carol</nick></presence>", fixture.sender.sent().get(0));
  }

  @Test
  void changesFromOtherIcqClientsArePushedWithThePrivilege() {
    privilegeGranted("urn:xmpp:privilege:2", "both");

    fixture.endpoint.contactUpdated(ALICE, new LegacyContact(BOB.id(), "Bobby", "Work"));
    IQ rename = (IQ) single();
    fixture.sender.clear();
    fixture.endpoint.contactRemoved(ALICE, CAROL.id());

    assertStanza("<iq type='set' id='" + rename.getID() + "' from='icq.localhost' to='alice@localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='123456@icq.localhost' name='Bobby' subscription='both'><group>Work</group></item></query></iq>", rename);
    IQ remove = (IQ) fixture.sender.sent().get(0);
    assertStanza("<iq type='set' id='" + remove.getID() + "' from='icq.localhost' to='alice@localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='234567@icq.localhost' subscription='remove'/></query></iq>", remove);
    verify(fixture.contactSync).forget(ALICE, CAROL.id());
  }

  @Test
  void changesFromOtherIcqClientsAreSubscriptionStanzasWithoutThePrivilege() {
    fixture.endpoint.contactUpdated(ALICE, new LegacyContact(BOB.id(), "Bobby", null));
    fixture.endpoint.contactRemoved(ALICE, CAROL.id());

    assertStanzas(fixture.sender.sent(),
        "<presence type='subscribe' from='123456@icq.localhost' to='alice@localhost'><nick xmlns='http://jabber.org/protocol/nick'>Bobby</nick></presence>",
        "<presence type='unsubscribe' from='234567@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='234567@icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='234567@icq.localhost' to='alice@localhost'/>");
    verify(fixture.contactSync).forget(ALICE, CAROL.id());
  }

  private Packet single() {
    assertEquals(1, fixture.sender.sent().size(), fixture.sender.allXml());
    return fixture.sender.sent().get(0);
  }
}
