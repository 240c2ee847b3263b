package net.icqtransport.oscar.icq;

import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiEditResult;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiTransaction;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's copy of the server-stored contact list (family 0x13, iserverd ssi_item) and the edits made to
 * it: groups with their ids and member lists, buddies with item ids and TLVs, the privacy item.
 *
 * <p>Edits follow the ICQ client sequence (iserverd icq_ssi_auth): 13/11 begin, one 13/08 / 13/09 / 13/0A,
 * 13/12 end, then wait for the 13/0E result before the group's member list (TLV 0x00C8) is updated the same
 * way. Operations run one at a time, in call order; results are matched to edits by request id, else in order.
 * Edits another client of the account made arrive as the same SNACs from the server and are reported as
 * {@code contactUpdated} / {@code contactRemoved}. Runs on the session's event loop only.
 */
final class IcqContactList {
  private static final Logger LOG = LoggerFactory.getLogger(IcqContactList.class);
  /** The group new contacts go to when none is named (what ICQ clients create first). */
  static final String DEFAULT_GROUP = "General";
  /** Privacy modes of TLV 0x00CA. */
  static final int PRIVACY_ALLOW_ALL = 1;
  static final int PRIVACY_ALLOW_PERMIT_LIST = 3;
  static final int PRIVACY_BLOCK_DENY_LIST = 4;

  private final IcqSessionContext session;
  /** All items by (type, group id, item id), in server order. */
  private final Map<ItemKey, SsiItem> items = new LinkedHashMap<>();
  private final Deque<Runnable> operations = new ArrayDeque<>();
  private final Deque<PendingEdit> pendingEdits = new ArrayDeque<>();
  private boolean operationRunning;

  private record ItemKey(int type, int groupId, int itemId) {
    static ItemKey of(SsiItem item) {
      return new ItemKey(item.type(), item.groupId(), item.itemId());
    }
  }

  /** One sent 13/08, 13/09 or 13/0A waiting for its 13/0E. */
  private static final class PendingEdit {
    final long requestId;
    final String what;
    final CompletableFuture<Integer> result = new CompletableFuture<>();
    ScheduledFuture<?> timeout;

    PendingEdit(long requestId, String what) {
      this.requestId = requestId;
      this.what = what;
    }
  }

  IcqContactList(IcqSessionContext session) {
    this.session = session;
  }

  // ---- the model

  /** Takes a whole list (login, or a 13/06 sent later) and reports it. */
  void replace(List<SsiItem> list) {
    items.clear();
    for (SsiItem item : list) {
      items.put(ItemKey.of(item), item);
    }
    List<LegacyContact> contacts = contacts();
    session.notify(l -> l.contactListReceived(contacts));
  }

  /** The buddies as the bridge sees them; a contact in several groups appears once. */
  List<LegacyContact> contacts() {
    Map<LegacyContactId, LegacyContact> contacts = new LinkedHashMap<>();
    for (SsiItem item : items.values()) {
      if (item.type() == SsiItem.TYPE_BUDDY && !item.name().isBlank()) {
        LegacyContact contact = toContact(item);
        contacts.putIfAbsent(contact.id(), contact);
      }
    }
    return List.copyOf(contacts.values());
  }

  Optional<LegacyContact> contact(LegacyContactId id) {
    return buddies(id).stream().findFirst().map(this::toContact);
  }

  /** The current privacy mode (TLV 0x00CA of the privacy item), or 0 when the list has none. */
  int privacyMode() {
    return privacyItem().flatMap(item -> item.tlvs().bytes(SsiItem.TLV_PRIVACY_MODE))
        .filter(b -> b.length == 1).map(b -> b[0] & 0xFF).orElse(0);
  }

  private LegacyContact toContact(SsiItem buddy) {
    LegacyContactId id = IcqSession.contactId(buddy.name());
    // Without a nickname, a screen name is shown as its owner formats it ("Mary Ann"), not as its id ("maryann").
    return new LegacyContact(id, buddy.nickname().orElse(buddy.name().strip()), groupName(buddy.groupId()).orElse(null),
        buddy.awaitingAuthorization());
  }

  private Optional<String> groupName(int groupId) {
    return groupId == 0 ? Optional.empty() : group(groupId).map(SsiItem::name);
  }

  private Optional<SsiItem> group(int groupId) {
    return Optional.ofNullable(items.get(new ItemKey(SsiItem.TYPE_GROUP, groupId, 0)));
  }

  private Optional<SsiItem> groupNamed(String name) {
    return items.values().stream()
        .filter(i -> i.type() == SsiItem.TYPE_GROUP && i.groupId() != 0 && i.name().equalsIgnoreCase(name))
        .findFirst();
  }

  private List<SsiItem> buddies(LegacyContactId id) {
    List<SsiItem> result = new ArrayList<>();
    for (SsiItem item : items.values()) {
      if (item.type() == SsiItem.TYPE_BUDDY && !item.name().isBlank()
          && IcqSession.contactId(item.name()).equals(id)) {
        result.add(item);
      }
    }
    return result;
  }

  private Optional<SsiItem> privacyItem() {
    return items.values().stream().filter(i -> i.type() == SsiItem.TYPE_PRIVACY).findFirst();
  }

  private void put(SsiItem item) {
    items.put(ItemKey.of(item), item);
  }

  private void remove(SsiItem item) {
    items.remove(ItemKey.of(item));
  }

  private int newItemId() {
    Set<Integer> used = new HashSet<>();
    items.values().forEach(i -> used.add(i.itemId()));
    return unusedId(used);
  }

  private int newGroupId() {
    Set<Integer> used = new HashSet<>();
    items.values().forEach(i -> used.add(i.groupId()));
    return unusedId(used);
  }

  /** ICQ clients pick random ids; 1 … 0x7FFF keeps clear of servers that treat ids as signed. */
  private static int unusedId(Set<Integer> used) {
    while (true) {
      int id = ThreadLocalRandom.current().nextInt(1, 0x8000);
      if (!used.contains(id)) {
        return id;
      }
    }
  }

  // ---- operations from the bridge (each runs alone, in call order)

  CompletableFuture<ContactAddResult> add(LegacyContact contact, String requestText) {
    return enqueue(() -> doAdd(contact, requestText));
  }

  CompletableFuture<Void> update(LegacyContact contact) {
    return enqueue(() -> doUpdate(contact));
  }

  CompletableFuture<Void> remove(LegacyContactId id) {
    return enqueue(() -> doRemove(id));
  }

  /** Sets TLV 0x00CA of the privacy item (creating the item if the list has none). */
  CompletableFuture<Void> setPrivacyMode(int mode) {
    return enqueue(() -> doSetPrivacyMode(mode));
  }

  /** The contacts on the deny list (SSI items of type 0x0003). */
  Set<LegacyContactId> blocked() {
    Set<LegacyContactId> blocked = new LinkedHashSet<>();
    for (SsiItem item : items.values()) {
      if (item.type() == SsiItem.TYPE_DENY && !item.name().isBlank()) {
        blocked.add(IcqSession.contactId(item.name()));
      }
    }
    return blocked;
  }

  boolean isBlocked(LegacyContactId id) {
    return !denyItems(id).isEmpty();
  }

  /**
   * Puts the contact on the deny list (13/08, type 0x0003, group 0) and makes the deny list count: privacy mode 4
   * unless another mode that hides the user from it is set (3, permit list only, while invisible).
   */
  CompletableFuture<Void> block(LegacyContactId id) {
    return enqueue(() -> {
      CompletableFuture<Void> mode = privacyMode() == 0 || privacyMode() == PRIVACY_ALLOW_ALL
          ? doSetPrivacyMode(PRIVACY_BLOCK_DENY_LIST) : CompletableFuture.completedFuture(null);
      if (isBlocked(id)) {
        return mode;
      }
      SsiItem deny = new SsiItem(id.value(), 0, newItemId(), SsiItem.TYPE_DENY, TlvChain.empty());
      return mode.thenCompose(v -> edit(SsiEdit.Kind.ADD, deny, "block " + id)).thenCompose(code -> {
        if (code != SsiEditResult.OK && code != SsiEditResult.ALREADY_EXISTS) {
          return CompletableFuture.failedFuture(new ContactListEditException("block " + id, code));
        }
        put(deny);
        return CompletableFuture.completedFuture(null);
      });
    });
  }

  /** Takes the contact off the deny list (13/0A); nothing to do when it is not on it. */
  CompletableFuture<Void> unblock(LegacyContactId id) {
    return enqueue(() -> {
      CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
      for (SsiItem deny : denyItems(id)) {
        done = done.thenCompose(v -> edit(SsiEdit.Kind.DELETE, deny, "unblock " + id)).thenCompose(code -> {
          if (code != SsiEditResult.OK && code != SsiEditResult.NOT_FOUND) {
            return CompletableFuture.failedFuture(new ContactListEditException("unblock " + id, code));
          }
          remove(deny);
          return CompletableFuture.completedFuture(null);
        });
      }
      return done;
    });
  }

  private List<SsiItem> denyItems(LegacyContactId id) {
    List<SsiItem> result = new ArrayList<>();
    for (SsiItem item : items.values()) {
      if (item.type() == SsiItem.TYPE_DENY && !item.name().isBlank() && IcqSession.contactId(item.name()).equals(id)) {
        result.add(item);
      }
    }
    return result;
  }

  private CompletableFuture<Void> doSetPrivacyMode(int mode) {
    Optional<SsiItem> existing = privacyItem();
    Tlv tlv = Tlv.ofU8(SsiItem.TLV_PRIVACY_MODE, mode);
    if (existing.isPresent()) {
      if (privacyMode() == mode) {
        return CompletableFuture.completedFuture(null);
      }
      SsiItem updated = existing.get().withTlv(SsiItem.TLV_PRIVACY_MODE, tlv);
      return edit(SsiEdit.Kind.UPDATE, updated, "set the privacy mode").thenApply(code -> {
        put(updated);
        return null;
      });
    }
    SsiItem created = new SsiItem("", 0, newItemId(), SsiItem.TYPE_PRIVACY, TlvChain.of(tlv));
    return edit(SsiEdit.Kind.ADD, created, "add the privacy settings").thenApply(code -> {
      put(created);
      return null;
    });
  }

  /**
   * The contact granted authorization (13/1B or channel-4 type 0x08): its buddy items lose TLV 0x0066, here and
   * on the server, and the bridge hears of the change.
   */
  void authorizationGranted(LegacyContactId id) {
    List<SsiItem> awaiting = buddies(id).stream().filter(SsiItem::awaitingAuthorization).toList();
    if (awaiting.isEmpty()) {
      return;
    }
    for (SsiItem buddy : awaiting) {
      SsiItem cleared = buddy.withoutTlv(SsiItem.TLV_AWAITING_AUTH);
      put(cleared);
      enqueue(() -> edit(SsiEdit.Kind.UPDATE, cleared, "clear the awaiting-authorization mark")
          .handle((code, failure) -> logIgnored(failure)));
    }
    contact(id).ifPresent(contact -> session.notify(l -> l.contactUpdated(contact)));
  }

  private CompletableFuture<ContactAddResult> doAdd(LegacyContact contact, String requestText) {
    LegacyContactId id = contact.id();
    if (!buddies(id).isEmpty()) {
      return CompletableFuture.completedFuture(ContactAddResult.ADDED);
    }
    String groupName = contact.group() == null || contact.group().isBlank() ? DEFAULT_GROUP : contact.group();
    return ensureGroup(groupName).thenCompose(group -> {
      SsiItem buddy = newBuddy(id, contact.nickname(), group.groupId(), TlvChain.empty());
      return edit(SsiEdit.Kind.ADD, buddy, "add " + id).thenCompose(code -> switch (code) {
        case SsiEditResult.OK, SsiEditResult.ALREADY_EXISTS ->
            added(buddy).thenApply(v -> ContactAddResult.ADDED);
        case SsiEditResult.AUTHORIZATION_REQUIRED -> {
          // iserverd icq_ssi_auth: ask, then add again marked as awaiting authorization (TLV 0x0066).
          session.send(rid -> new SsiAuthRequest(id.value(), requestText).toSnac(SnacType.SSI_AUTH_REQUEST, rid));
          SsiItem awaiting = buddy.withTlv(SsiItem.TLV_AWAITING_AUTH, Tlv.empty(SsiItem.TLV_AWAITING_AUTH));
          yield edit(SsiEdit.Kind.ADD, awaiting, "add " + id + " awaiting authorization").thenCompose(again -> {
            if (again != SsiEditResult.OK && again != SsiEditResult.ALREADY_EXISTS) {
              return CompletableFuture.failedFuture(
                  new ContactListEditException("add " + id + " awaiting authorization", again));
            }
            return added(awaiting).thenApply(v -> ContactAddResult.AUTHORIZATION_REQUESTED);
          });
        }
        default -> CompletableFuture.failedFuture(new ContactListEditException("add " + id, code));
      });
    });
  }

  private SsiItem newBuddy(LegacyContactId id, String nickname, int groupId, TlvChain tlvs) {
    SsiItem buddy = new SsiItem(id.value(), groupId, newItemId(), SsiItem.TYPE_BUDDY, tlvs);
    return withNickname(buddy, nickname);
  }

  /** Nickname TLV 0x0131 (UTF-8), left out when it would only repeat the UIN. */
  private static SsiItem withNickname(SsiItem buddy, String nickname) {
    if (nickname == null || nickname.isBlank() || nickname.equals(buddy.name())) {
      return buddy.withoutTlv(SsiItem.TLV_NICKNAME);
    }
    return buddy.withTlv(SsiItem.TLV_NICKNAME,
        Tlv.ofBytes(SsiItem.TLV_NICKNAME, nickname.getBytes(StandardCharsets.UTF_8)));
  }

  /** The buddy is on the server: keep it, then add its id to its group's member list. */
  private CompletableFuture<Void> added(SsiItem buddy) {
    put(buddy);
    return changeMembers(buddy.groupId(), buddy.itemId(), true);
  }

  private CompletableFuture<SsiItem> ensureGroup(String name) {
    Optional<SsiItem> existing = groupNamed(name);
    if (existing.isPresent()) {
      return CompletableFuture.completedFuture(existing.get());
    }
    SsiItem group = new SsiItem(name, newGroupId(), 0, SsiItem.TYPE_GROUP, TlvChain.empty()).withMemberIds(List.of());
    return edit(SsiEdit.Kind.ADD, group, "create group " + name).thenCompose(code -> {
      if (code != SsiEditResult.OK && code != SsiEditResult.ALREADY_EXISTS) {
        return CompletableFuture.failedFuture(new ContactListEditException("create a group", code));
      }
      put(group);
      return changeMembers(0, group.groupId(), true).thenApply(v -> group);
    });
  }

  /**
   * Adds or removes {@code memberId} in TLV 0x00C8 of group {@code groupId} (the root group, id 0, lists group
   * ids) with a 13/09. A group the list does not hold is left alone; a refused update is logged, not fatal:
   * the item itself is stored.
   */
  private CompletableFuture<Void> changeMembers(int groupId, int memberId, boolean add) {
    Optional<SsiItem> group = group(groupId);
    if (group.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Integer> members = new ArrayList<>(group.get().memberIds());
    if (add ? members.contains(memberId) : !members.remove(Integer.valueOf(memberId))) {
      return CompletableFuture.completedFuture(null);
    }
    if (add) {
      members.add(memberId);
    }
    SsiItem updated = group.get().withMemberIds(members);
    put(updated);
    return edit(SsiEdit.Kind.UPDATE, updated, "update the member list of a group")
        .handle((code, failure) -> {
          if (failure == null && code != SsiEditResult.OK) {
            LOG.debug("{}: group member list update answered 0x{}", session.account(), Integer.toHexString(code));
          }
          return logIgnored(failure);
        });
  }

  private CompletableFuture<Void> doUpdate(LegacyContact contact) {
    List<SsiItem> buddies = buddies(contact.id());
    if (buddies.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(contact.id() + " is not on the contact list"));
    }
    SsiItem buddy = buddies.get(0);
    String currentGroup = groupName(buddy.groupId()).orElse(null);
    boolean move = contact.group() != null && !contact.group().isBlank() && !contact.group().equals(currentGroup);
    if (move) {
      // A buddy cannot change groups in place: delete it, then add it to the other group with its TLVs.
      return doRemove(contact.id()).thenCompose(v -> ensureGroup(contact.group())).thenCompose(group -> {
        SsiItem moved = withNickname(
            new SsiItem(buddy.name(), group.groupId(), newItemId(), SsiItem.TYPE_BUDDY, buddy.tlvs()),
            contact.nickname());
        return edit(SsiEdit.Kind.ADD, moved, "move " + contact.id()).thenCompose(code -> {
          if (code == SsiEditResult.AUTHORIZATION_REQUIRED) {
            SsiItem awaiting = moved.withTlv(SsiItem.TLV_AWAITING_AUTH, Tlv.empty(SsiItem.TLV_AWAITING_AUTH));
            return edit(SsiEdit.Kind.ADD, awaiting, "move " + contact.id()).thenCompose(again ->
                again == SsiEditResult.OK || again == SsiEditResult.ALREADY_EXISTS
                    ? added(awaiting)
                    : CompletableFuture.failedFuture(new ContactListEditException("move " + contact.id(), again)));
          }
          if (code != SsiEditResult.OK && code != SsiEditResult.ALREADY_EXISTS) {
            return CompletableFuture.failedFuture(new ContactListEditException("move " + contact.id(), code));
          }
          return added(moved);
        });
      });
    }
    SsiItem renamed = withNickname(buddy, contact.nickname());
    if (renamed.equals(buddy)) {
      return CompletableFuture.completedFuture(null);
    }
    return edit(SsiEdit.Kind.UPDATE, renamed, "rename " + contact.id()).thenCompose(code -> {
      if (code != SsiEditResult.OK) {
        return CompletableFuture.failedFuture(new ContactListEditException("rename " + contact.id(), code));
      }
      put(renamed);
      return CompletableFuture.completedFuture(null);
    });
  }

  private CompletableFuture<Void> doRemove(LegacyContactId id) {
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (SsiItem buddy : buddies(id)) {
      chain = chain.thenCompose(v -> edit(SsiEdit.Kind.DELETE, buddy, "delete " + id)).thenCompose(code -> {
        if (code != SsiEditResult.OK && code != SsiEditResult.NOT_FOUND) {
          return CompletableFuture.failedFuture(new ContactListEditException("delete " + id, code));
        }
        remove(buddy);
        return changeMembers(buddy.groupId(), buddy.itemId(), false);
      });
    }
    return chain;
  }

  private <T> CompletableFuture<T> enqueue(Supplier<CompletableFuture<T>> operation) {
    CompletableFuture<T> result = new CompletableFuture<>();
    operations.add(() -> {
      CompletableFuture<T> running;
      try {
        running = session.isClosed()
            ? CompletableFuture.failedFuture(new ContactListEditException("not connected to ICQ"))
            : operation.get();
      } catch (RuntimeException e) {
        running = CompletableFuture.failedFuture(e);
      }
      running.whenComplete((value, failure) -> {
        operationRunning = false;
        if (failure == null) {
          result.complete(value);
        } else {
          result.completeExceptionally(failure instanceof java.util.concurrent.CompletionException
              && failure.getCause() != null ? failure.getCause() : failure);
        }
        runNext();
      });
    });
    runNext();
    return result;
  }

  private void runNext() {
    if (!operationRunning && !operations.isEmpty()) {
      operationRunning = true;
      operations.poll().run();
    }
  }

  /** 13/11, the edit, 13/12; completes with the first 13/0E code for the edit. */
  private CompletableFuture<Integer> edit(SsiEdit.Kind kind, SsiItem item, String what) {
    if (session.isClosed()) {
      return CompletableFuture.failedFuture(new ContactListEditException("not connected to ICQ"));
    }
    SsiEdit edit = SsiEdit.of(kind, item);
    session.send(SsiTransaction::begin);
    PendingEdit pending = new PendingEdit(session.send(edit::toSnac), what);
    session.send(SsiTransaction::end);
    pendingEdits.add(pending);
    long timeout = session.settings().messageAckTimeout().toMillis();
    pending.timeout = session.loop().schedule(() -> {
      pendingEdits.remove(pending);
      pending.result.completeExceptionally(
          new ContactListEditException("ICQ did not answer the request to " + what + " in time"));
    }, timeout, TimeUnit.MILLISECONDS);
    return pending.result;
  }

  private static Void logIgnored(Throwable failure) {
    if (failure != null) {
      LOG.debug("contact-list side edit failed: {}", failure.getMessage());
    }
    return null;
  }

  // ---- from the server

  /** SNAC(13,0E): the result of the edit with that request id, else of the oldest one waiting. */
  void editResult(SsiEditResult result) {
    PendingEdit pending = takePending(result.requestId());
    if (pending == null) {
      LOG.debug("{}: SSI result for no pending edit", session.account());
      return;
    }
    pending.timeout.cancel(false);
    pending.result.complete(result.first());
  }

  /** SNAC(13,01): fails the edit it answers; errors for 13/11 or 13/12 (servers without transactions) are ignored. */
  void error(SnacError error) {
    for (Iterator<PendingEdit> it = pendingEdits.iterator(); it.hasNext(); ) {
      PendingEdit pending = it.next();
      if (pending.requestId == error.requestId()) {
        it.remove();
        pending.timeout.cancel(false);
        pending.result.completeExceptionally(new ContactListEditException(String.format(
            "ICQ refused the request to %s (SSI error 0x%04X)", pending.what, error.code())));
        return;
      }
    }
    LOG.debug("{}: SSI error 0x{} for no pending edit", session.account(), Integer.toHexString(error.code()));
  }

  private PendingEdit takePending(long requestId) {
    for (Iterator<PendingEdit> it = pendingEdits.iterator(); it.hasNext(); ) {
      PendingEdit pending = it.next();
      if (pending.requestId == requestId) {
        it.remove();
        return pending;
      }
    }
    return pendingEdits.poll();
  }

  /** 13/08, 13/09, 13/0A pushed by the server: another client of the account changed the list. */
  void serverEdit(SsiEdit edit) {
    Set<LegacyContactId> changed = new java.util.LinkedHashSet<>();
    Set<LegacyContactId> removed = new java.util.LinkedHashSet<>();
    for (SsiItem item : edit.items()) {
      boolean buddy = item.type() == SsiItem.TYPE_BUDDY && !item.name().isBlank();
      if (edit.kind() == SsiEdit.Kind.DELETE) {
        remove(item);
        if (buddy) {
          removed.add(IcqSession.contactId(item.name()));
        }
        continue;
      }
      Optional<SsiItem> before = Optional.ofNullable(items.get(ItemKey.of(item)));
      put(item);
      if (buddy) {
        changed.add(IcqSession.contactId(item.name()));
      } else if (item.type() == SsiItem.TYPE_GROUP && item.groupId() != 0 && before.isPresent()
          && !before.get().name().equals(item.name())) {
        // A renamed group changes the group of each of its buddies.
        items.values().stream().filter(i -> i.type() == SsiItem.TYPE_BUDDY && i.groupId() == item.groupId())
            .forEach(i -> changed.add(IcqSession.contactId(i.name())));
      }
    }
    for (LegacyContactId id : removed) {
      if (buddies(id).isEmpty()) {
        session.notify(l -> l.contactRemoved(id));
      } else {
        changed.add(id);
      }
    }
    for (LegacyContactId id : changed) {
      contact(id).ifPresent(contact -> session.notify(l -> l.contactUpdated(contact)));
    }
  }

  /** The session ended: every waiting edit and queued operation fails. */
  void closed() {
    for (PendingEdit pending : List.copyOf(pendingEdits)) {
      if (pending.timeout != null) {
        pending.timeout.cancel(false);
      }
      pending.result.completeExceptionally(new ContactListEditException("not connected to ICQ"));
    }
    pendingEdits.clear();
  }
}
