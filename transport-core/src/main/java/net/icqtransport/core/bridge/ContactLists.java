package net.icqtransport.core.bridge;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/** A user's legacy contact list and authorizations (XEP-0100 §5.1-5.3). One role of the {@link Gateway}. */
public interface ContactLists {

  /** The user added a contact to their roster: add it to the legacy list (asking authorization if needed). */
  default CompletableFuture<ContactAddResult> addContact(UserAddress user, LegacyContact contact, String requestText) {
    return Unsupported.feature("contact list edits");
  }

  /** The user renamed or regrouped a contact. */
  default CompletableFuture<Void> updateContact(UserAddress user, LegacyContact contact) {
    return Unsupported.feature("contact list edits");
  }

  /**
   * Blocks a contact on the legacy network ({@link net.icqtransport.core.legacy.LegacySession#blockContact}): its
   * messages and presence no longer reach the user, and the block is stored on the network.
   */
  default CompletableFuture<Void> blockContact(UserAddress user, LegacyContactId contact) {
    return Unsupported.feature("blocking");
  }

  /** Lifts a block. */
  default CompletableFuture<Void> unblockContact(UserAddress user, LegacyContactId contact) {
    return Unsupported.feature("blocking");
  }

  /** The contacts the user blocked, as stored on the legacy network. */
  default CompletableFuture<java.util.Set<LegacyContactId>> blockedContacts(UserAddress user) {
    return Unsupported.feature("blocking");
  }

  /** The user removed a contact from their roster. */
  default CompletableFuture<Void> removeContact(UserAddress user, LegacyContactId contact) {
    return Unsupported.feature("contact list edits");
  }

  /** The user asks a contact for authorization (a subscription request to the contact's JID). */
  default CompletableFuture<Void> requestAuthorization(UserAddress user, LegacyContactId contact, String text) {
    return Unsupported.feature("authorization");
  }

  /** The user answers a contact's authorization request (subscribed / unsubscribed). */
  default CompletableFuture<Void> answerAuthorization(
      UserAddress user, LegacyContactId contact, boolean granted, String reason) {
    return Unsupported.feature("authorization");
  }

  /** The user's last known legacy contact list; empty while not logged in. */
  default List<LegacyContact> contacts(UserAddress user) {
    return List.of();
  }
}
