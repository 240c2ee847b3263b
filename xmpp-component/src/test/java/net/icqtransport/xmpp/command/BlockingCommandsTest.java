package net.icqtransport.xmpp.command;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyCredentials;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.Commands;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/**
 * Blocking ICQ contacts (issue #17) by chat ({@code block}, {@code unblock}, {@code blocked}), by the ad-hoc
 * command "Blocked contacts", and by XEP-0191 sent to the transport's JID: all edit the ICQ deny list.
 */
class BlockingCommandsTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("234567");
  private static final LegacyContactId CAROL = new LegacyContactId("345678");

  private final RouterFixture fixture = new RouterFixture();

  @BeforeEach
  void aliceIsRegistered() {
    lenient().when(fixture.gateway.registration(ALICE)).thenReturn(Optional.of(
        new Registration(ALICE, new LegacyCredentials(new LegacyContactId("123456"), "pw"), Instant.EPOCH)));
    lenient().when(fixture.gateway.blockContact(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
    lenient().when(fixture.gateway.unblockContact(any(), any())).thenReturn(CompletableFuture.completedFuture(null));
  }

  private String say(String body) {
    fixture.sender.clear();
    fixture.receive("<message type='chat' id='c1' from='alice@localhost/pc' to='icq.localhost'><body>" + body
        + "</body></message>");
    assertEquals(1, fixture.sender.sent().size(), fixture.sender.allXml());
    return ((Message) fixture.sender.sent().get(0)).getBody();
  }

  @Test
  void blockAndUnblockByChatTakeANumberOrAContactJid() {
    assertTrue(say("block 234567").startsWith("You block 234567 now"));
    verify(fixture.gateway).blockContact(ALICE, BOB);
    assertEquals("345678 is no longer blocked.", say("unblock 345678@icq.localhost"));
    verify(fixture.gateway).unblockContact(ALICE, CAROL);
  }

  @Test
  void blockedListsTheDenyListOrSaysNobody() {
    when(fixture.gateway.blockedContacts(ALICE)).thenReturn(CompletableFuture.completedFuture(Set.of(CAROL, BOB)));
    assertEquals("You block:\n234567\n345678", say("blocked"));
    when(fixture.gateway.blockedContacts(ALICE)).thenReturn(CompletableFuture.completedFuture(Set.of()));
    assertEquals("You block nobody.", say("blocked"));
  }

  @Test
  void badInputAndFailuresAreAnsweredInWords() {
    assertTrue(say("block").startsWith("The command block needs more"), "missing argument");
    assertTrue(say("block bob@example.org").contains("is not an ICQ number"), "a JID of another domain");
    verify(fixture.gateway, never()).blockContact(any(), any());
    when(fixture.gateway.blockContact(ALICE, BOB)).thenReturn(
        CompletableFuture.failedFuture(new NotLoggedInException("You are not logged in to ICQ (offline)")));
    assertTrue(say("block 234567").startsWith("That did not work"), "offline");
    fixture.unregistered("alice@localhost");
    assertTrue(say("blocked").startsWith("You are not registered"));
  }

  @Test
  void theAdHocCommandShowsTheListAndMakesTheSubmittedOneTheDenyList() {
    when(fixture.gateway.blockedContacts(ALICE)).thenReturn(CompletableFuture.completedFuture(Set.of(CAROL)));
    fixture.receive(Commands.commandIq("a1", "alice@localhost/pc", "node='blocked-contacts' action='execute'"));
    String form = fixture.sender.allXml();
    assertTrue(form.contains("<value>345678</value>"), form);
    String session = Commands.sessionIdOf(fixture.sender.sent().get(0));
    fixture.sender.clear();

    fixture.receive("""
        <iq type='set' id='a2' from='alice@localhost/pc' to='icq.localhost'>
          <command xmlns='http://jabber.org/protocol/commands' node='blocked-contacts' sessionid='%s'>
            <x xmlns='jabber:x:data' type='submit'><field var='blocked'><value>234567</value></field></x>
          </command>
        </iq>""".formatted(session));

    verify(fixture.gateway).blockContact(ALICE, BOB);
    verify(fixture.gateway).unblockContact(ALICE, CAROL);
    assertTrue(fixture.sender.allXml().contains("Blocked: 234567. Unblocked: 345678."), fixture.sender.allXml());
  }

  @Test
  void xep0191ToTheTransportListsBlocksAndUnblocksIcqContacts() {
    when(fixture.gateway.blockedContacts(ALICE)).thenReturn(CompletableFuture.completedFuture(Set.of(CAROL)));
    fixture.receive("<iq type='get' id='b1' from='alice@localhost/pc' to='icq.localhost'>"
        + "<blocklist xmlns='urn:xmpp:blocking'/></iq>");
    fixture.receive("<iq type='set' id='b2' from='alice@localhost/pc' to='icq.localhost'>"
        + "<block xmlns='urn:xmpp:blocking'><item jid='234567@icq.localhost'/></block></iq>");
    fixture.receive("<iq type='set' id='b3' from='alice@localhost/pc' to='icq.localhost'>"
        + "<unblock xmlns='urn:xmpp:blocking'/></iq>");
    fixture.receive("<iq type='set' id='b4' from='alice@localhost/pc' to='icq.localhost'>"
        + "<block xmlns='urn:xmpp:blocking'><item jid='bob@example.org'/></block></iq>");

    assertStanzas(fixture.sender.sent(),
        "<iq type='result' id='b1' from='icq.localhost' to='alice@localhost/pc'><blocklist xmlns='urn:xmpp:blocking'>"
            + "<item jid='345678@icq.localhost'/></blocklist></iq>",
        "<iq type='result' id='b2' from='icq.localhost' to='alice@localhost/pc'/>",
        "<iq type='result' id='b3' from='icq.localhost' to='alice@localhost/pc'/>",
        "<iq type='error' id='b4' from='icq.localhost' to='alice@localhost/pc'><error type='modify'><jid-malformed"
            + " xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>"
            + "Not an ICQ contact of icq.localhost: use NUMBER@icq.localhost</text></error></iq>");
    verify(fixture.gateway).blockContact(ALICE, BOB);
    verify(fixture.gateway).unblockContact(ALICE, CAROL);
  }
}
