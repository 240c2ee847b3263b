package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanza;
import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.privilege.RosterPermission;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;

/** Unregistering takes every ICQ contact out of the roster, then the transport itself (XEP-0100 §4.3). */
class UnregisterRosterCleanupTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final String REMOVE = """
      <iq type='set' id='r1' from='alice@localhost/pc' to='icq.localhost'>
        <query xmlns='jabber:iq:register'><remove/></query>
      </iq>""";

  private final RouterFixture fixture = new RouterFixture();

  RouterFixture withContacts() {
    // Bob is on the ICQ list; Carol was synced before but is no longer on the list.
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(new LegacyContact(new LegacyContactId("123456"), "Bob", null)));
    doReturn(Set.of(new LegacyContactId("234567"))).when(fixture.contactSync).synced(ALICE);
    when(fixture.gateway.unregister(ALICE)).thenReturn(CompletableFuture.completedFuture(true));
    return fixture;
  }

  @Test
  void withoutThePrivilegeEachContactUnsubscribes() {
    withContacts().receive(REMOVE);

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='r1' from='icq.localhost' to='alice@localhost/pc'/>",
        "<presence type='unsubscribe' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribe' from='234567@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='234567@icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='234567@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribe' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void withThePrivilegeEachItemIsRemovedFromTheRoster() {
    fixture.privileges.grantRoster("localhost", RosterPermission.BOTH);

    withContacts().receive(REMOVE);

    assertEquals(8, fixture.sender.sent().size(), fixture.sender.allXml());
    IQ bob = (IQ) fixture.sender.sent().get(1);
    assertStanza("<iq type='set' id='" + bob.getID() + "' from='icq.localhost' to='alice@localhost'>"
        + "<query xmlns='jabber:iq:roster'><item jid='123456@icq.localhost' subscription='remove'/></query></iq>", bob);
    IQ carol = (IQ) fixture.sender.sent().get(3);
    assertStanza("<iq type='set' id='" + carol.getID() + "' from='icq.localhost' to='alice@localhost'>"
        + "<query xmlns='jabber:iq:roster'><item jid='234567@icq.localhost' subscription='remove'/></query></iq>", carol);
    assertStanza("<presence type='unsubscribe' from='icq.localhost' to='alice@localhost'/>", fixture.sender.sent().get(5));
  }

  /**
   * Issue #15 (3): ejabberd 23.01 refuses privileged roster removals. The refusal used to be only logged, leaving
   * the contacts in the roster with subscription both; now each falls back to unsubscribe and unsubscribed.
   */
  @Test
  void aPrivilegedRemovalTheServerRefusesFallsBackToCancellingTheSubscriptions() {
    fixture.privileges.grantRoster("localhost", RosterPermission.BOTH);
    withContacts().receive(REMOVE);
    IQ bob = (IQ) fixture.sender.sent().get(1);
    IQ carol = (IQ) fixture.sender.sent().get(3);
    fixture.sender.clear();

    fixture.receive("<iq type='error' id='" + bob.getID() + "' from='alice@localhost' to='icq.localhost'>"
        + "<error type='cancel'><bad-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    fixture.receive("<iq type='result' id='" + carol.getID() + "' from='alice@localhost' to='icq.localhost'/>");

    assertStanzas(fixture.sender.sent(),
        "<presence type='unsubscribe' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='unsubscribed' from='123456@icq.localhost' to='alice@localhost'/>");
  }
}
