package net.icqtransport.xmpp.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.ContactLists;
import net.icqtransport.core.bridge.Directory;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import org.xmpp.packet.JID;

/**
 * Blocking ICQ contacts (issue #17), shared by the chat commands ({@code block}, {@code unblock},
 * {@code blocked}), the ad-hoc command "Blocked contacts" and XEP-0191 requests to the transport's JID. A block
 * is an entry of the user's deny list on the ICQ server ({@link ContactLists#blockContact}), so it outlives the
 * session and applies in every ICQ client of the account.
 */
public final class ContactBlocking {
  private final ContactLists contacts;
  private final Directory directory;
  private final TransportAddresses addresses;

  public ContactBlocking(ContactLists contacts, Directory directory, TransportAddresses addresses) {
    this.contacts = Objects.requireNonNull(contacts, "contacts");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /**
   * The contact a user named: an ICQ number, an AIM screen name, or a contact JID of this transport
   * ({@code 123456@icq.example.org}); empty when it is none of these.
   */
  public Optional<LegacyContactId> parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (value.indexOf('@') >= 0) {
        JID jid = new JID(value);
        if (!addresses.domain().getDomain().equals(jid.getDomain()) || jid.getNode() == null) {
          return Optional.empty();
        }
        return Optional.ofNullable(addresses.recipientOf(jid).contact()); // a room JID is none
      }
      return Optional.of(directory.parseContactId(value));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  public CompletableFuture<Void> block(UserAddress user, LegacyContactId contact) {
    return contacts.blockContact(user, contact);
  }

  public CompletableFuture<Void> unblock(UserAddress user, LegacyContactId contact) {
    return contacts.unblockContact(user, contact);
  }

  /** The blocked contacts, sorted by id. */
  public CompletableFuture<List<LegacyContactId>> blocked(UserAddress user) {
    return contacts.blockedContacts(user).thenApply(set -> {
      List<LegacyContactId> sorted = new ArrayList<>(set);
      sorted.sort((a, b) -> a.value().compareTo(b.value()));
      return sorted;
    });
  }

  /**
   * Makes the blocked set {@code wanted}: blocks the new ones, then unblocks those no longer listed, one at a time;
   * completes with what changed, in words.
   */
  public CompletableFuture<String> makeBlocked(UserAddress user, Set<LegacyContactId> wanted) {
    return contacts.blockedContacts(user).thenCompose(now -> {
      Set<LegacyContactId> toBlock = new LinkedHashSet<>(wanted);
      toBlock.removeAll(now);
      Set<LegacyContactId> toUnblock = new LinkedHashSet<>(now);
      toUnblock.removeAll(wanted);
      CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
      for (LegacyContactId contact : toBlock) {
        done = done.thenCompose(v -> block(user, contact));
      }
      for (LegacyContactId contact : toUnblock) {
        done = done.thenCompose(v -> unblock(user, contact));
      }
      return done.thenApply(v -> toBlock.isEmpty() && toUnblock.isEmpty() ? "Nothing changed."
          : "Blocked: " + names(toBlock) + ". Unblocked: " + names(toUnblock) + ".");
    });
  }

  private static String names(Set<LegacyContactId> contacts) {
    return contacts.isEmpty() ? "none" : String.join(", ", contacts.stream().map(LegacyContactId::value).toList());
  }
}
