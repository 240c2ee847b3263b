package net.icqtransport.oscar.icq;

import static net.icqtransport.oscar.icq.FakeBosPeer.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import net.icqtransport.core.legacy.ContactAddResult;
import net.icqtransport.core.legacy.LegacyContact;
import net.icqtransport.oscar.icq.RecordingListener.ContactList;
import net.icqtransport.oscar.icq.RecordingListener.ContactRemoved;
import net.icqtransport.oscar.icq.RecordingListener.ContactUpdated;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacType;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiEditResult;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.tlv.Tlv;
import net.icqtransport.oscar.tlv.TlvChain;
import org.junit.jupiter.api.Test;

/** Contact-list edits against a scripted server: SSI 13/11, 13/08-0A, 13/12 and their 13/0E results. */
class IcqContactListTest {
  private static final int FRIENDS = 0x0001;
  private static final int BOB_ITEM = 0x0101;

  private static final SsiItem ROOT = new SsiItem("", 0, 0, SsiItem.TYPE_GROUP, TlvChain.empty())
      .withMemberIds(List.of(FRIENDS));
  private static final SsiItem FRIENDS_GROUP = new SsiItem("Friends", FRIENDS, 0, SsiItem.TYPE_GROUP,
      TlvChain.empty()).withMemberIds(List.of(BOB_ITEM));
  private static final SsiItem BOB = new SsiItem("222222", FRIENDS, BOB_ITEM, SsiItem.TYPE_BUDDY,
      TlvChain.of(Tlv.ofAscii(SsiItem.TLV_NICKNAME, "Bob")));

  private final FakeBosPeer peer = new FakeBosPeer(List.of(ROOT, FRIENDS_GROUP, BOB));

  /** Checks one bracketed edit and returns its single item. */
  private SsiItem edit(SsiEdit.Kind kind, long[] requestId) {
    peer.sent(SnacType.SSI_EDIT_BEGIN);
    Snac snac = peer.sent(kind.snacType());
    peer.sent(SnacType.SSI_EDIT_END);
    requestId[0] = snac.requestId();
    List<SsiItem> items = SsiEdit.decode(snac).items();
    assertEquals(1, items.size());
    return items.get(0);
  }

  private void result(long requestId, int code) {
    peer.receive(new SsiEditResult(requestId, List.of(code)).toSnac());
  }

  @Test
  void reportsTheListWithGroupsNicknamesAndAwaitingAuthorization() throws Exception {
    assertEquals(List.of(new LegacyContact(id("222222"), "Bob", "Friends")),
        peer.listener.await(ContactList.class).contacts());
    SsiItem ghost = new SsiItem("333333", FRIENDS, 7, SsiItem.TYPE_BUDDY, TlvChain.of(Tlv.empty(0x0066)));
    FakeBosPeer other = new FakeBosPeer(List.of(FRIENDS_GROUP, ghost));
    assertEquals(List.of(new LegacyContact(id("333333"), "333333", "Friends", true)),
        other.listener.await(ContactList.class).contacts());
    other.finish();
    peer.finish();
  }

  @Test
  void addsAContactToAnExistingGroupAndUpdatesItsMemberList() throws Exception {
    CompletableFuture<ContactAddResult> added =
        peer.session.addContact(new LegacyContact(id("333333"), "Carol", "Friends"), "hi");
    long[] rid = new long[1];
    SsiItem buddy = edit(SsiEdit.Kind.ADD, rid);
    assertEquals("333333", buddy.name());
    assertEquals(FRIENDS, buddy.groupId());
    assertEquals(SsiItem.TYPE_BUDDY, buddy.type());
    assertEquals("Carol", buddy.nickname().orElseThrow());
    assertFalse(buddy.awaitingAuthorization());
    peer.assertNothingSent();
    result(rid[0], SsiEditResult.OK);

    SsiItem group = edit(SsiEdit.Kind.UPDATE, rid);
    assertEquals("Friends", group.name());
    assertEquals(List.of(BOB_ITEM, buddy.itemId()), group.memberIds());
    peer.run();
    assertFalse(added.isDone());
    result(rid[0], SsiEditResult.OK);
    assertEquals(ContactAddResult.ADDED, peer.result(added));
    peer.finish();
  }

  @Test
  void createsAMissingGroupFirst() throws Exception {
    CompletableFuture<ContactAddResult> added =
        peer.session.addContact(new LegacyContact(id("333333"), "333333", "Work"), null);
    long[] rid = new long[1];
    SsiItem group = edit(SsiEdit.Kind.ADD, rid);
    assertEquals("Work", group.name());
    assertEquals(SsiItem.TYPE_GROUP, group.type());
    assertEquals(List.of(), group.memberIds());
    result(rid[0], SsiEditResult.OK);
    SsiItem root = edit(SsiEdit.Kind.UPDATE, rid);
    assertEquals(List.of(FRIENDS, group.groupId()), root.memberIds());
    result(rid[0], SsiEditResult.OK);
    SsiItem buddy = edit(SsiEdit.Kind.ADD, rid);
    assertEquals(group.groupId(), buddy.groupId());
    assertFalse(buddy.nickname().isPresent(), "no nickname that only repeats the UIN");
    result(rid[0], SsiEditResult.OK);
    assertEquals(List.of(buddy.itemId()), edit(SsiEdit.Kind.UPDATE, rid).memberIds());
    result(rid[0], SsiEditResult.OK);
    assertEquals(ContactAddResult.ADDED, peer.result(added));
    peer.finish();
  }

  @Test
  void authorizationRequiredSendsTheRequestAndAddsTheContactAsAwaiting() throws Exception {
    CompletableFuture<ContactAddResult> added =
        peer.session.addContact(new LegacyContact(id("333333"), "Carol", "Friends"), "please add me");
    long[] rid = new long[1];
    SsiItem first = edit(SsiEdit.Kind.ADD, rid);
    result(rid[0], SsiEditResult.AUTHORIZATION_REQUIRED);

    Snac request = peer.sent(SnacType.SSI_AUTH_REQUEST);
    assertEquals(new SsiAuthRequest("333333", "please add me"),
        SsiAuthRequest.decode(request, StandardCharsets.UTF_8));
    SsiItem again = edit(SsiEdit.Kind.ADD, rid);
    assertTrue(again.awaitingAuthorization());
    assertEquals(first.itemId(), again.itemId());
    assertEquals("Carol", again.nickname().orElseThrow());
    result(rid[0], SsiEditResult.OK);
    edit(SsiEdit.Kind.UPDATE, rid);
    result(rid[0], SsiEditResult.OK);
    assertEquals(ContactAddResult.AUTHORIZATION_REQUESTED, peer.result(added));
    peer.finish();
  }

  @Test
  void refusedAddsFailWithTheCodeAndAlreadyExistingIsAdded() throws Exception {
    long[] rid = new long[1];
    CompletableFuture<ContactAddResult> limited =
        peer.session.addContact(new LegacyContact(id("333333"), "Carol", "Friends"), null);
    edit(SsiEdit.Kind.ADD, rid);
    result(rid[0], SsiEditResult.LIMIT_REACHED);
    ExecutionException e = assertThrows(ExecutionException.class, () -> peer.result(limited));
    ContactListEditException refused = assertInstanceOf(ContactListEditException.class, e.getCause());
    assertEquals(0x0C, refused.code());
    assertTrue(refused.getMessage().contains("limit"), refused.getMessage());

    CompletableFuture<ContactAddResult> exists =
        peer.session.addContact(new LegacyContact(id("444444"), "Dan", "Friends"), null);
    edit(SsiEdit.Kind.ADD, rid);
    result(rid[0], SsiEditResult.ALREADY_EXISTS);
    edit(SsiEdit.Kind.UPDATE, rid);
    result(rid[0], SsiEditResult.OK);
    assertEquals(ContactAddResult.ADDED, peer.result(exists));

    CompletableFuture<ContactAddResult> errored =
        peer.session.addContact(new LegacyContact(id("555555"), "Eve", "Friends"), null);
    edit(SsiEdit.Kind.ADD, rid);
    long addId = rid[0];
    peer.receive(SnacType.SSI_ERROR, out -> out.writeShort(0x0001));
    assertFalse(errored.isDone(), "an error for another request does not fail the add");
    peer.receive(new Snac(0x13, 0x01, 0, addId, new byte[] {0, 0x0D}));
    assertInstanceOf(ContactListEditException.class,
        assertThrows(ExecutionException.class, () -> peer.result(errored)).getCause());
    peer.finish();
  }

  @Test
  void anUnansweredEditTimesOutAndTheNextOneRuns() throws Exception {
    CompletableFuture<ContactAddResult> first =
        peer.session.addContact(new LegacyContact(id("333333"), "Carol", "Friends"), null);
    CompletableFuture<Void> second = peer.session.removeContact(id("222222"));
    long[] rid = new long[1];
    edit(SsiEdit.Kind.ADD, rid);
    peer.assertNothingSent(); // one operation at a time
    peer.advance(FakeBosPeer.ACK_TIMEOUT.plusSeconds(1));
    assertInstanceOf(ContactListEditException.class, assertThrows(ExecutionException.class, () -> peer.result(first)).getCause());
    SsiItem deleted = edit(SsiEdit.Kind.DELETE, rid);
    assertEquals(BOB, deleted);
    result(rid[0], SsiEditResult.OK);
    edit(SsiEdit.Kind.UPDATE, rid);
    result(rid[0], SsiEditResult.OK);
    peer.result(second);
    peer.finish();
  }

  @Test
  void removesAContactAndItsGroupMembership() throws Exception {
    CompletableFuture<Void> removed = peer.session.removeContact(id("222222"));
    long[] rid = new long[1];
    assertEquals(BOB, edit(SsiEdit.Kind.DELETE, rid));
    result(rid[0], SsiEditResult.OK);
    SsiItem group = edit(SsiEdit.Kind.UPDATE, rid);
    assertEquals(List.of(), group.memberIds());
    result(rid[0], SsiEditResult.OK);
    peer.result(removed);
    // Not on the list (any more): nothing to do.
    peer.result(peer.session.removeContact(id("222222")));
    peer.assertNothingSent();
    peer.finish();
  }

  @Test
  void renamesInPlaceAndMovesByDeleteAndAdd() throws Exception {
    CompletableFuture<Void> renamed = peer.session.updateContact(new LegacyContact(id("222222"), "Bobby", "Friends"));
    long[] rid = new long[1];
    SsiItem updated = edit(SsiEdit.Kind.UPDATE, rid);
    assertEquals(BOB_ITEM, updated.itemId());
    assertEquals("Bobby", updated.nickname().orElseThrow());
    result(rid[0], SsiEditResult.OK);
    peer.result(renamed);

    CompletableFuture<Void> moved = peer.session.updateContact(new LegacyContact(id("222222"), "Bobby", "Work"));
    assertEquals(BOB_ITEM, edit(SsiEdit.Kind.DELETE, rid).itemId());
    result(rid[0], SsiEditResult.OK);
    edit(SsiEdit.Kind.UPDATE, rid); // Friends without Bob
    result(rid[0], SsiEditResult.OK);
    SsiItem work = edit(SsiEdit.Kind.ADD, rid);
    assertEquals("Work", work.name());
    result(rid[0], SsiEditResult.OK);
    edit(SsiEdit.Kind.UPDATE, rid); // root group lists Work
    result(rid[0], SsiEditResult.OK);
    SsiItem bob = edit(SsiEdit.Kind.ADD, rid);
    assertEquals(work.groupId(), bob.groupId());
    assertEquals("Bobby", bob.nickname().orElseThrow());
    result(rid[0], SsiEditResult.OK);
    edit(SsiEdit.Kind.UPDATE, rid); // Work lists Bob
    result(rid[0], SsiEditResult.OK);
    peer.result(moved);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> peer.result(peer.session.updateContact(new LegacyContact(id("999999"), "Nobody", null))));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    peer.finish();
  }

  @Test
  void editsByAnotherClientAreReported() throws Exception {
    peer.listener.await(ContactList.class);
    SsiItem carol = new SsiItem("333333", FRIENDS, 0x0202, SsiItem.TYPE_BUDDY,
        TlvChain.of(Tlv.ofAscii(SsiItem.TLV_NICKNAME, "Carol"), Tlv.empty(SsiItem.TLV_AWAITING_AUTH)));
    peer.receive(SsiEdit.of(SsiEdit.Kind.ADD, carol).toSnac(5));
    assertEquals(new LegacyContact(id("333333"), "Carol", "Friends", true),
        peer.listener.await(ContactUpdated.class).contact());

    peer.receive(SsiEdit.of(SsiEdit.Kind.UPDATE, carol.withoutTlv(SsiItem.TLV_AWAITING_AUTH)).toSnac(6));
    assertEquals(new LegacyContact(id("333333"), "Carol", "Friends", false),
        peer.listener.await(ContactUpdated.class).contact());

    peer.receive(SsiEdit.of(SsiEdit.Kind.UPDATE, FRIENDS_GROUP.withTlv(0x00C8, null)).toSnac(7));
    peer.receive(SsiEdit.of(SsiEdit.Kind.DELETE, BOB).toSnac(8));
    assertEquals(id("222222"), peer.listener.await(ContactRemoved.class).contact());
    assertTrue(peer.listener.drain().isEmpty());
    peer.assertNothingSent();
    peer.finish();
  }

  @Test
  void aBrokenEditFromTheServerIsSkipped() throws Exception {
    peer.receive(new Snac(0x13, 0x08, 0, 9, new byte[] {0, 9, '3'}));
    peer.receive(SsiEdit.of(SsiEdit.Kind.DELETE, BOB).toSnac(8));
    assertEquals(id("222222"), peer.listener.await(ContactRemoved.class).contact());
    assertTrue(peer.channel.isOpen());
    peer.finish();
  }
}
