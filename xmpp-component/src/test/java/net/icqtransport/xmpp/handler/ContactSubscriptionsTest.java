package net.icqtransport.xmpp.handler;

import static net.icqtransport.xmpp.testing.Stanzas.assertStanzas;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.NotLoggedInException;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacyPresence;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.testing.RouterFixture;
import org.junit.jupiter.api.Test;

/** The user's roster edits become ICQ list edits, and authorization works both ways (XEP-0100 §5.1-§5.3). */
class ContactSubscriptionsTest {
  private static final UserAddress ALICE = new UserAddress("alice@localhost");
  private static final LegacyContactId BOB = new LegacyContactId("123456");

  private final RouterFixture fixture = new RouterFixture();

  @Test
  void subscribingToANewContactAddsItWithTheNickAndApproves() {
    when(fixture.gateway.addContact(any(), any(), any())).thenReturn(CompletableFuture.completedFuture(ContactAddResult.ADDED));
    fixture.endpoint.contactPresenceChanged(ALICE, BOB, LegacyPresence.of(LegacyStatus.ONLINE));
    fixture.sender.clear();

    fixture.receive("""
        <presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'>
          <nick xmlns='http://jabber.org/protocol/nick'>Bob</nick>
        </presence>""");

    LegacyContact added = new LegacyContact(BOB, "Bob", null);
    verify(fixture.gateway).addContact(ALICE, added, "Please authorize me to add you to my contact list.");
    verify(fixture.contactSync).markSynced(ALICE, added);
    assertStanzas(fixture.sender.sent(),
        "<presence type='subscribed' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence from='123456@icq.localhost' to='alice@localhost'><x xmlns='vcard-temp:x:update'><photo/></x></presence>");
  }

  @Test
  void withoutANickTheUinIsTheName() {
    when(fixture.gateway.addContact(any(), any(), any())).thenReturn(CompletableFuture.completedFuture(ContactAddResult.ADDED));

    fixture.receive("<presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'><status>hi, Alice here</status></presence>");

    verify(fixture.gateway).addContact(ALICE, new LegacyContact(BOB, "123456", null), "hi, Alice here");
  }

  @Test
  void aContactThatNeedsAuthorizationIsApprovedOnlyWhenItGrantsIt() {
    CompletableFuture<ContactAddResult> asked = CompletableFuture.completedFuture(ContactAddResult.AUTHORIZATION_REQUESTED);
    when(fixture.gateway.addContact(any(), any(), any())).thenReturn(asked);

    fixture.receive("<presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'/>");
    assertTrue(fixture.sender.sent().isEmpty(), "nothing until ICQ answers");

    fixture.endpoint.authorizationAnswered(ALICE, BOB, true, null);

    assertStanzas(fixture.sender.sent(), "<presence type='subscribed' from='123456@icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void aDeniedAuthorizationIsUnsubscribedWithTheReason() {
    when(fixture.gateway.addContact(any(), any(), any()))
        .thenReturn(CompletableFuture.completedFuture(ContactAddResult.AUTHORIZATION_REQUESTED));
    fixture.receive("<presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'/>");

    fixture.endpoint.authorizationAnswered(ALICE, BOB, false, "I don't know you");

    assertStanzas(fixture.sender.sent(),
        "<presence type='unsubscribed' from='123456@icq.localhost' to='alice@localhost'><status>I don't know you</status></presence>");
  }

  @Test
  void subscribingWhileNotLoggedInIsAnError() {
    when(fixture.gateway.addContact(any(), any(), any()))
        .thenReturn(CompletableFuture.failedFuture(new NotLoggedInException("offline")));

    fixture.receive("<presence type='subscribe' from='alice@localhost' to='123456@icq.localhost'/>");

    assertStanzas(fixture.sender.sent(), """
        <presence type='error' from='123456@icq.localhost' to='alice@localhost'>
          <error type='wait'>
            <recipient-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>
            <text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>You are not logged in to ICQ: go online, then add the contact again</text>
          </error>
        </presence>""");
  }

  @Test
  void removingTheRosterItemRemovesTheContactOnce() {
    when(fixture.gateway.contacts(ALICE)).thenReturn(List.of(new LegacyContact(BOB, "Bob", null)));
    when(fixture.gateway.removeContact(any(), any())).thenReturn(new CompletableFuture<>());

    fixture.receive("<presence type='unsubscribe' from='alice@localhost' to='123456@icq.localhost'/>");
    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='123456@icq.localhost'/>");

    verify(fixture.gateway, times(1)).removeContact(ALICE, BOB);
    verify(fixture.contactSync, times(2)).forget(ALICE, BOB);
    assertStanzas(fixture.sender.sent(),
        "<presence type='unsubscribed' from='123456@icq.localhost' to='alice@localhost'/>",
        "<presence type='unavailable' from='123456@icq.localhost' to='alice@localhost'/>");
  }

  @Test
  void theUserGrantsAContactsAuthorizationRequest() {
    when(fixture.gateway.answerAuthorization(any(), any(), anyBoolean(), any())).thenReturn(CompletableFuture.completedFuture(null));
    fixture.endpoint.authorizationRequested(ALICE, BOB, "please");

    fixture.receive("<presence type='subscribed' from='alice@localhost' to='123456@icq.localhost'/>");

    verify(fixture.gateway).answerAuthorization(ALICE, BOB, true, null);
  }

  @Test
  void theUserDeniesAContactsAuthorizationRequestWithoutRemovingAnything() {
    when(fixture.gateway.answerAuthorization(any(), any(), anyBoolean(), any())).thenReturn(CompletableFuture.completedFuture(null));
    fixture.endpoint.authorizationRequested(ALICE, BOB, "please");

    fixture.receive("<presence type='unsubscribed' from='alice@localhost' to='123456@icq.localhost'><status>no thanks</status></presence>");

    verify(fixture.gateway).answerAuthorization(ALICE, BOB, false, "no thanks");
    verify(fixture.gateway, never()).removeContact(any(), any());
  }

  @Test
  void subscribedWithoutARequestAnswersNothing() {
    fixture.receive("<presence type='subscribed' from='alice@localhost' to='123456@icq.localhost'/>");

    verify(fixture.gateway, never()).answerAuthorization(any(), any(), anyBoolean(), any());
  }
}
