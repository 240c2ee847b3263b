package net.icqtransport.oscar.icq;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.ssi.SsiAuthReply;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;

/**
 * Authorization both ways (iserverd icq_ssi_auth, snac_13_18 … snac_13_1c): requests and answers the user sends
 * (13/18, 13/1A), and those of contacts, whether they come as SSI SNACs (13/19, 13/1B, 13/1C) or as channel-4 /
 * offline ICQ messages (types 0x06, 0x07, 0x08, 0x0C). A grant clears the contact's awaiting-authorization mark.
 */
final class IcqAuthorization {
  private final IcqSessionContext session;
  private final IcqContactList contactList;

  IcqAuthorization(IcqSessionContext session, IcqContactList contactList) {
    this.session = session;
    this.contactList = contactList;
  }

  /** SNAC(13,18): screen name, reason, u16 0. The server gives no answer of its own. */
  CompletableFuture<Void> request(LegacyContactId contact, String text) {
    Objects.requireNonNull(contact, "contact");
    return sendOnLoop(() -> session.send(
        id -> new SsiAuthRequest(contact.value(), text).toSnac(SnacType.SSI_AUTH_REQUEST, id)));
  }

  /** SNAC(13,1A): screen name, u8 1 granted / 0 denied, reason. */
  CompletableFuture<Void> answer(LegacyContactId contact, boolean granted, String reason) {
    Objects.requireNonNull(contact, "contact");
    return sendOnLoop(() -> session.send(
        id -> new SsiAuthReply(contact.value(), granted, reason).toSnac(SnacType.SSI_AUTH_REPLY, id)));
  }

  private CompletableFuture<Void> sendOnLoop(Runnable send) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    session.loop().execute(() -> {
      if (session.isClosed()) {
        done.completeExceptionally(new IllegalStateException("not connected to ICQ"));
        return;
      }
      send.run();
      done.complete(null);
    });
    return done;
  }

  /** 13/19 or channel-4 type 0x06: the contact wants to add the user. */
  void requested(LegacyContactId contact, String reason) {
    session.notify(l -> l.authorizationRequested(contact, reason));
  }

  /** 13/1B or channel-4 types 0x07 / 0x08: the contact answered the user's request. */
  void answered(LegacyContactId contact, boolean granted, String reason) {
    session.notify(l -> l.authorizationAnswered(contact, granted, reason));
    if (granted) {
      contactList.authorizationGranted(contact);
    }
  }

  /** 13/1C or channel-4 type 0x0C: the contact added the user to their list. */
  void addedBy(LegacyContactId contact) {
    session.notify(l -> l.addedByContact(contact));
  }
}
