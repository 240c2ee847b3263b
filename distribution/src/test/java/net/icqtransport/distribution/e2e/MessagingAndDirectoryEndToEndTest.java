package net.icqtransport.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.TypingState;
import net.icqtransport.distribution.e2e.IcqUser.Typing;
import net.icqtransport.oscar.server.OscarSimulator;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.RosterEntry;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.jivesoftware.smackx.chatstates.ChatState;
import org.jivesoftware.smackx.chatstates.packet.ChatStateExtension;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.iqregister.packet.Registration;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jivesoftware.smackx.search.ReportedData;
import org.jivesoftware.smackx.search.UserSearchManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.form.Form;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Typing (XEP-0085), receipts (XEP-0184), offline messages with delay stamps (XEP-0203), vCards (XEP-0054),
 * search (XEP-0055) and unregistration (XEP-0077 §3.2, XEP-0100 §4.3), end to end on a real Prosody.
 */
class MessagingAndDirectoryEndToEndTest extends TransportEndToEndTest {
  private static final String BOB = "100002";
  private static final Instant STORED_AT = Instant.parse("2026-11-20T08:30:00Z");

  @Override
  protected void configureSimulator(OscarSimulator.Builder builder) {
    builder.account(BOB, "bob-pw")
        .contact(ALICE_UIN, BOB, "Bob", "Friends")
        .contact(BOB, ALICE_UIN, "Alice", "Friends")
        .details(BOB, "Bobby", "Bob", "Builder", "bob@example.org", "Berlin", 49, 30, 2, "I build things",
            "https://bob.example.org", false)
        .offlineMessage(BOB, ALICE_UIN, "Sent while you were away: Grüße 😀", STORED_AT);
  }

  @Test
  void storedMessagesArriveWithTheirTimeAndTypingAndReceiptsTravel() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();

    // The ICQ offline message arrives with its original time (XEP-0203), and only once.
    Message stored = alice.nextMessageFrom(jid(BOB), m -> m.getBody() != null, WAIT);
    assertEquals("Sent while you were away: Grüße 😀", stored.getBody());
    DelayInformation delay = stored.getExtension(DelayInformation.class);
    assertNotNull(delay, "a delay stamp: " + stored.toXML());
    assertEquals(STORED_AT, delay.getStamp().toInstant());

    IcqUser bob = icqUser(BOB, "bob-pw");

    // Typing both ways: XEP-0085 composing ⇄ ICQ 04/14.
    Message composing = alice.connection().getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(jid(BOB))).ofType(Message.Type.chat)
        .addExtension(new ChatStateExtension(ChatState.composing)).build();
    alice.send(composing);
    assertEquals(new Typing(ALICE_UIN, TypingState.TYPING), bob.next(Typing.class, WAIT));
    bob.session().sendTyping(new LegacyContactId(ALICE_UIN), TypingState.TYPING);
    Message typing = alice.nextMessageFrom(jid(BOB), m -> m.hasExtension(ChatStateExtension.NAMESPACE), WAIT);
    assertEquals(ChatState.composing.name(), typing.getExtension(ChatStateExtension.NAMESPACE).getElementName());

    // A receipt (XEP-0184) comes back once ICQ acknowledged the message.
    Message withReceipt = alice.connection().getStanzaFactory().buildMessageStanza()
        .to(JidCreate.from(jid(BOB))).ofType(Message.Type.chat).setBody("did you get this?")
        .addExtension(new DeliveryReceiptRequest()).build();
    alice.send(withReceipt);
    Message receipt = alice.nextMessageFrom(jid(BOB), m -> m.hasExtension(DeliveryReceipt.NAMESPACE), WAIT);
    assertEquals(withReceipt.getStanzaId(), receipt.getExtension(DeliveryReceipt.class).getId());

    // Not delivered twice: after a restart of the transport the stored message does not come again.
    transport.close();
    transport = startTransport();
    Await.until(() -> simulator.isOnline(ALICE_UIN), WAIT, "100001 logged in again after the restart");
    bob.session().sendMessage(new LegacyContactId(ALICE_UIN), "after the restart").get();
    Message next = alice.nextMessageFrom(jid(BOB), m -> m.getBody() != null, WAIT);
    assertEquals("after the restart", next.getBody(), "the stored message was delivered again");
  }

  @Test
  void vcardsAndSearchComeFromTheIcqDirectory() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();

    VCard vcard = VCardManager.getInstanceFor(alice.connection()).loadVCard(JidCreate.entityBareFrom(jid(BOB)));
    assertEquals("Bobby", vcard.getNickName());
    assertEquals("Bob", vcard.getFirstName());
    assertEquals("Builder", vcard.getLastName());
    assertEquals("bob@example.org", vcard.getEmailHome() != null ? vcard.getEmailHome() : vcard.getEmailWork());

    UserSearchManager search = new UserSearchManager(alice.connection());
    Form form = new Form(search.getSearchForm(JidCreate.domainBareFrom(COMPONENT)));
    FillableForm answer = form.getFillableForm();
    answer.setAnswer("email", "bob@example.org");
    ReportedData results = search.getSearchResults(answer.getDataFormToSubmit(), JidCreate.domainBareFrom(COMPONENT));
    List<ReportedData.Row> rows = results.getRows();
    assertEquals(1, rows.size(), "one user found");
    assertEquals(List.of(jid(BOB)), rows.get(0).getValues("jid").stream().map(Object::toString).toList());
  }

  @Test
  void unregisteringSignsOffAndRemovesTheContactsAndTheRegistration() throws Exception {
    transport = startTransport();
    JabberClient alice = registeredAlice();
    BareJid bobJid = JidCreate.bareFrom(jid(BOB));
    Await.until(() -> {
      RosterEntry entry = alice.roster().getEntry(bobJid);
      return entry != null && entry.getType() == ItemType.both;
    }, WAIT, "100002@icq.localhost in alice's roster");

    Registration remove = new Registration(Map.of("remove", ""));
    remove.setType(IQ.Type.set);
    remove.setTo(JidCreate.domainBareFrom(COMPONENT));
    alice.connection().createStanzaCollectorAndSend(remove).nextResultOrThrow(WAIT.toMillis());

    Await.until(() -> !simulator.isOnline(ALICE_UIN), WAIT, "the ICQ session ended");
    Await.until(() -> {
      RosterEntry entry = alice.roster().getEntry(bobJid);
      return entry == null || entry.getType() == ItemType.none;
    }, WAIT, "the ICQ contact left alice's roster (no subscription left)");
    assertTrue(transport.registrations().all().isEmpty(), "the registration was deleted");
  }
}
