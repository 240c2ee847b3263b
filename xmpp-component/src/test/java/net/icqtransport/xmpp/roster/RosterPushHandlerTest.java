package net.icqtransport.xmpp.roster;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.privilege.RosterPermission;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** Roster pushes forwarded by a server that granted roster get/both (XEP-0356 §4.4) edit the ICQ list. */
class RosterPushHandlerTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContact BOB = new LegacyContact(new LegacyContactId("123456"), "Bob", "Friends");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void aRenamedItemUpdatesTheIcqContact() {
    fixture.privileges.grantRoster("localhost", RosterPermission.BOTH);
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(BOB));
    when(fixture.gateway.updateContact(any(), any())).thenReturn(CompletableFuture.completedFuture(null));

    fixture.receive("""
        <iq type='set' id='push1' from='alice@localhost' to='icq.localhost'>
          <query xmlns='jabber:iq:roster'>
            <item jid='123456@icq.localhost' name='Bobby' subscription='both'><group>Work</group></item>
          </query>
        </iq>""");

    verify(fixture.gateway).updateContact(ALICE, new LegacyContact(BOB.id(), "Bobby", "Work"));
    assertStanzas(fixture.sender.sent(), "<iq type='result' id='push1' from='icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void anUnchangedItemChangesNothing() {
    fixture.privileges.grantRoster("localhost", RosterPermission.GET);
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(BOB));

    fixture.receive("<iq type='set' id='push2' from='alice@localhost' to='icq.localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='123456@icq.localhost' name='Bob' subscription='both'><group>Friends</group></item></query></iq>");

    verify(fixture.gateway, never()).updateContact(any(), any());
  }

  @Test
  void aRemovedItemRemovesTheIcqContact() {
    fixture.privileges.grantRoster("localhost", RosterPermission.BOTH);
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(BOB));
    when(fixture.gateway.removeContact(any(), any())).thenReturn(CompletableFuture.completedFuture(null));

    fixture.receive("<iq type='set' id='push3' from='alice@localhost' to='icq.localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='123456@icq.localhost' subscription='remove'/></query></iq>");

    verify(fixture.gateway).removeContact(ALICE, BOB.id());
    verify(fixture.contactSync).forget(ALICE, BOB.id());
  }

  @Test
  void aPushFromAClientOrWithoutTheGrantIsForbidden() {
    fixture.receive("<iq type='set' id='push4' from='alice@localhost' to='icq.localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='123456@icq.localhost' subscription='remove'/></query></iq>");
    fixture.privileges.grantRoster("localhost", RosterPermission.BOTH);
    fixture.receive("<iq type='set' id='push5' from='alice@localhost/pc' to='icq.localhost'><query xmlns='jabber:iq:roster'>"
        + "<item jid='123456@icq.localhost' subscription='remove'/></query></iq>");

    verify(fixture.gateway, never()).removeContact(any(), any());
    assertStanzas(fixture.sender.sent(), """
        <iq type='error' id='push4' from='icq.localhost' to='alice@localhost'>
          <error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Your server did not grant roster access</text></error>
        </iq>""", """
        <iq type='error' id='push5' from='icq.localhost' to='alice@localhost/pc'>
          <error type='auth'><forbidden xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>Only your server pushes roster changes here</text></error>
        </iq>""");
  }
}
